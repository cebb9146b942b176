using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Tests.Describing;

/// <summary>Hands out a new token on every call, so the wire shows which call each request used.</summary>
internal sealed class FakeTokenAccess : ITokenAccess
{
    private int _calls;

    public int Calls => _calls;

    public Task<string> GetAccessTokenForRequestAsync(string? authUri = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult($"token-{Interlocked.Increment(ref _calls)}");
    }
}
