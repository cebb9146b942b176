using System.Globalization;

namespace DescribeFunction.Configuration;

/// <summary>
/// Reads settings by their environment-variable names and collects one clear sentence per invalid value, so that
/// startup can report every bad setting at once. Empty values count as unset (function.yaml keeps blank entries).
/// </summary>
/// <param name="configuration">The settings.</param>
/// <param name="baseDirectory">Where relative file paths in settings start: the settings file's folder.</param>
public sealed class SettingsReader(IConfiguration configuration, string? baseDirectory = null)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public string? GetString(string name)
    {
        var value = configuration[name]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public string GetString(string name, string fallback) => GetString(name) ?? fallback;

    /// <summary>A comma-separated list; null when unset.</summary>
    public IReadOnlyList<string>? GetList(string name) =>
        GetString(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public int GetInt(string name, int fallback, int min, int max) => (int)GetLong(name, fallback, min, max);

    public long GetLong(string name, long fallback, long min, long max)
    {
        var raw = GetString(name);
        if (raw is null)
        {
            return fallback;
        }

        if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        return Fail(name, $"a whole number from {min} to {max}", raw, fallback);
    }

    /// <summary>A whole number, or null when unset (blank means "no limit" for such settings).</summary>
    public long? GetOptionalLong(string name, long min, long max) =>
        GetString(name) is null ? null : GetLong(name, min, min, max);

    public float? GetFloat(string name, float min, float max)
    {
        var raw = GetString(name);
        if (raw is null)
        {
            return null;
        }

        if (float.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        return Fail<float?>(name, $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}", raw, null);
    }

    public bool GetBool(string name, bool fallback)
    {
        var raw = GetString(name);
        return raw?.ToUpperInvariant() switch
        {
            null => fallback,
            "TRUE" or "1" or "YES" or "ON" => true,
            "FALSE" or "0" or "NO" or "OFF" => false,
            _ => Fail(name, "true or false", raw, fallback),
        };
    }

    /// <summary>Durations as <c>500ms</c>, <c>2s</c>, <c>5m</c>, <c>1h</c>, or a plain number of seconds.</summary>
    public TimeSpan GetDuration(string name, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var raw = GetString(name);
        if (raw is null)
        {
            return fallback;
        }

        if (DurationText.TryParse(raw, out var value) && value >= min && value <= max)
        {
            return value;
        }

        return Fail(name, $"a duration from {DurationText.Format(min)} to {DurationText.Format(max)} (for example 500ms, 2s, 5m)", raw, fallback);
    }

    public T GetChoice<T>(string name, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var raw = GetString(name);
        if (raw is null)
        {
            return fallback;
        }

        return choices.TryGetValue(raw.ToLowerInvariant(), out var value)
            ? value
            : Fail(name, "one of " + string.Join(", ", choices.Keys), raw, fallback);
    }

    /// <summary>A file path, relative to the settings file's folder unless absolute; null when unset.</summary>
    public string? GetFilePath(string name) =>
        GetString(name) is { } path ? Path.GetFullPath(path, baseDirectory ?? Directory.GetCurrentDirectory()) : null;

    public Uri? GetAbsoluteUri(string name)
    {
        var raw = GetString(name);
        if (raw is null)
        {
            return null;
        }

        return Uri.TryCreate(raw, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : Fail<Uri?>(name, "an absolute http or https URL", raw, null);
    }

    /// <summary>Records a rule that spans settings or needs more than a parse.</summary>
    public void Require(bool condition, string sentence)
    {
        if (!condition)
        {
            _errors.Add(sentence);
        }
    }

    private T Fail<T>(string name, string expected, string raw, T fallback)
    {
        _errors.Add($"The setting {name} must be {expected}, but it is '{raw}'.");
        return fallback;
    }
}
