namespace DescribeFunction.Describing.Structured;

/// <summary>The JSON types a schema may name.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Named as JSON Schema names them.")]
public enum SchemaType
{
    Object,
    Array,
    String,
    Number,
    Integer,
    Boolean,
}

/// <summary>
/// One schema within the supported subset, already checked by <see cref="SchemaSubset"/>: every object lists all its
/// properties as required and allows no others, arrays have one item schema, and null is allowed only through
/// <c>anyOf</c>.
/// </summary>
public sealed record SchemaNode
{
    public required SchemaType Type { get; init; }

    /// <summary>Declared as <c>anyOf: [ {…}, {"type": "null"} ]</c>.</summary>
    public bool Nullable { get; init; }

    /// <summary>Object properties in the order the schema declares them (the order the model writes them).</summary>
    public IReadOnlyList<KeyValuePair<string, SchemaNode>> Properties { get; init; } = [];

    public SchemaNode? Items { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public SchemaNode? Property(string name)
    {
        foreach (var (key, node) in Properties)
        {
            if (key == name)
            {
                return node;
            }
        }

        return null;
    }
}
