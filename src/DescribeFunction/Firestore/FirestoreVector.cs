namespace DescribeFunction.Firestore;

/// <summary>
/// A Firestore vector value: on the wire a map <c>{"__type__": "__vector__", "value": [doubles]}</c>, which is what the
/// client libraries' <c>VectorValue</c> writes and what <c>findNearest</c> searches. At most 2,048 values.
/// </summary>
public sealed class FirestoreVector
{
    public const string TypeField = "__type__";
    public const string TypeName = "__vector__";
    public const string ValueField = "value";
    public const int MaxDimensions = 2048;

    public FirestoreVector(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = [.. values];
    }

    public IReadOnlyList<double> Values { get; }

    public static FirestoreVector From(IEnumerable<float> values) => new(values.Select(v => (double)v));

    public float[] ToFloats() => [.. Values.Select(v => (float)v)];

    /// <summary>The vector a map holds, or null when the map is not a vector value.</summary>
    public static FirestoreVector? FromMap(DocumentFields map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.Count != 2 || !map.TryGetValue(TypeField, out var type) || type as string != TypeName
            || !map.TryGetValue(ValueField, out var value) || value is not IReadOnlyList<object?> items)
        {
            return null;
        }

        return items.All(i => i is double or long) ? new FirestoreVector(items.Select(i => Convert.ToDouble(i, System.Globalization.CultureInfo.InvariantCulture))) : null;
    }

    /// <summary>The map Firestore stores.</summary>
    public DocumentFields ToMap() => new DocumentFields().Set(TypeField, TypeName).Set(ValueField, Values.Select(v => (object?)v).ToArray());
}
