using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Firestore;

/// <summary>The Firestore emulator's convention: <c>Bearer owner</c> acts as an admin and bypasses security rules.</summary>
public sealed class EmulatorAuth : ITokenAccess
{
    public static EmulatorAuth Instance { get; } = new();

    public Task<string> GetAccessTokenForRequestAsync(string? authUri = null, CancellationToken cancellationToken = default) =>
        Task.FromResult("owner");
}
