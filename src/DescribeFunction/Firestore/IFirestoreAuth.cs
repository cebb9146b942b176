namespace DescribeFunction.Firestore;

/// <summary>
/// Supplies the bearer token for one request. Called before every request (tokens expire after about an hour),
/// so implementations cache and refresh rather than the client capturing a token once.
/// </summary>
public interface IFirestoreAuth
{
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
