using System.Collections.Concurrent;
using System.Globalization;

namespace DescribeFunction.Local.Metadata;

/// <summary>
/// The access tokens the metadata stand-in has issued and when each expires. Shared with the describer so that it
/// can refuse unknown and expired tokens the way Vertex AI does — which is how tests prove a client refreshes.
/// </summary>
public sealed class TokenRegistry(TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private int _issued;

    /// <summary>How many tokens have been issued so far.</summary>
    public int IssuedCount => Volatile.Read(ref _issued);

    /// <summary>Issues a new distinct token ("local-token-1", "local-token-2", …) valid for <paramref name="lifetime"/>.</summary>
    public string Issue(TimeSpan lifetime)
    {
        var number = Interlocked.Increment(ref _issued);
        var token = "local-token-" + number.ToString(CultureInfo.InvariantCulture);
        _expiries[token] = _time.GetUtcNow() + lifetime;
        return token;
    }

    public TokenState Check(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!_expiries.TryGetValue(token, out var expiry))
        {
            return TokenState.Unknown;
        }

        return _time.GetUtcNow() < expiry ? TokenState.Valid : TokenState.Expired;
    }
}

public enum TokenState
{
    Valid,
    Unknown,
    Expired,
}
