using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace DescribeFunction.Firestore;

/// <summary>
/// An ordered Firestore map: the fields of a document or a nested map value. Values are kept in the closed set of
/// <see cref="FirestoreValue"/>; <see cref="Set"/> converts and validates eagerly so a bad value fails where it is
/// added, not at commit time.
/// <code>new DocumentFields().Set("status", "done").Set("usage", new DocumentFields().Set("inputTokens", 12L))</code>
/// </summary>
[SuppressMessage("Naming", "CA1710", Justification = "Named after the Firestore document's fields object.")]
public sealed class DocumentFields : IReadOnlyDictionary<string, object?>
{
    private readonly OrderedDictionary<string, object?> _values = new(StringComparer.Ordinal);

    public int Count => _values.Count;

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<object?> Values => _values.Values;

    public object? this[string key] => _values[key];

    /// <summary>Adds or replaces a field; returns this map for chaining.</summary>
    public DocumentFields Set(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _values[name] = FirestoreValue.Normalize(value);
        return this;
    }

    public static DocumentFields From(IReadOnlyDictionary<string, object?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var fields = new DocumentFields();
        foreach (var (name, value) in map)
        {
            fields.Set(name, value);
        }

        return fields;
    }

    public string? GetString(string name) => GetRef<string>(name, "a string");

    public long? GetInt64(string name) => GetValue<long>(name, "an integer");

    /// <summary>A double, or an integer widened to one (Firestore keeps the two apart; readers rarely care).</summary>
    public double? GetDouble(string name) =>
        TryGetValue(name, out var value) && value is long l ? l : GetValue<double>(name, "a number");

    public bool? GetBoolean(string name) => GetValue<bool>(name, "a boolean");

    public DateTimeOffset? GetTimestamp(string name) => GetValue<DateTimeOffset>(name, "a timestamp");

    public DocumentFields? GetMap(string name) => GetRef<DocumentFields>(name, "a map");

    public IReadOnlyList<object?>? GetArray(string name) => GetRef<IReadOnlyList<object?>>(name, "an array");

    public byte[]? GetBytes(string name) => GetRef<byte[]>(name, "bytes");

    public FirestoreVector? GetVector(string name) => GetRef<FirestoreVector>(name, "a vector");

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Absent and null fields both read as null; a field of another type is a bug worth hearing about.</summary>
    private T? GetRef<T>(string name, string expected)
        where T : class =>
        Find(name) switch
        {
            null => null,
            T typed => typed,
            var other => throw WrongType(name, other, expected),
        };

    private T? GetValue<T>(string name, string expected)
        where T : struct =>
        Find(name) switch
        {
            null => null,
            T typed => typed,
            var other => throw WrongType(name, other, expected),
        };

    private object? Find(string name) => _values.TryGetValue(name, out var value) ? value : null;

    private static InvalidOperationException WrongType(string name, object value, string expected) =>
        new($"Field '{name}' is {Describe(value)}, not {expected}.");

    private static string Describe(object value) => value switch
    {
        string => "a string",
        long => "an integer",
        double => "a double",
        bool => "a boolean",
        DateTimeOffset => "a timestamp",
        DocumentFields => "a map",
        byte[] => "bytes",
        IReadOnlyList<object?> => "an array",
        _ => "another Firestore type",
    };
}
