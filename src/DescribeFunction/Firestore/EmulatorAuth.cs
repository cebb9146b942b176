namespace DescribeFunction.Firestore;

/// <summary>The Firestore emulator's convention: <c>Bearer owner</c> acts as an admin and bypasses security rules.</summary>
public sealed class EmulatorAuth : IFirestoreAuth
{
    public static EmulatorAuth Instance { get; } = new();

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult("owner");
}
