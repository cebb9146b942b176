using System.Text.Json;
using DescribeFunction.Describing.Structured;

namespace DescribeFunction.Tests.Describing.Structured;

public sealed class SchemaSubsetTests
{
    private static SchemaNode Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SchemaSubset.Parse(document.RootElement);
    }

    [Fact]
    public void DefaultSchema_IsInsideTheSubsetWithDescriptionFirst()
    {
        var root = StructuredSchema.Default.Root;

        Assert.Equal(["description", "altText", "labels", "visibleText", "containsPeople"], root.Properties.Select(p => p.Key));
        var labels = root.Property("labels")!;
        Assert.Equal((SchemaType.Array, SchemaType.String, 1, 10), (labels.Type, labels.Items!.Type, labels.MinItems, labels.MaxItems));
        Assert.Equal(SchemaType.Boolean, root.Property("containsPeople")!.Type);
        Assert.Equal(StructuredSchema.DefaultName, StructuredSchema.Default.Name);
    }

    [Fact]
    public void DefaultSchema_ShipsAsACopyableFileIdenticalToTheEmbeddedOne()
    {
        var file = StructuredSchema.Load(Path.Combine(AppContext.BaseDirectory, "schemas", "description.schema.json"));

        Assert.Equal(StructuredSchema.Default.Hash, file.Hash);
    }

    [Fact]
    public void CustomSchema_ReadsNullableEnumAndNestedObjects()
    {
        var root = Parse(SchemaSamples.Receipt);

        Assert.True(root.Property("notes")!.Nullable);
        Assert.Equal(SchemaType.String, root.Property("notes")!.Type);
        Assert.Equal(["EUR", "USD"], root.Property("currency")!.Enum);
        Assert.Equal(SchemaType.Integer, root.Property("items")!.Items!.Property("quantity")!.Type);
    }

    [Theory]
    [InlineData("""{"type":"string"}""", "At #: the top level must be a non-nullable object")]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"#"}},"required":["a"],"additionalProperties":false}""", "At #/properties/a: the keyword '$ref' is not supported")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":true}""", "At #: an object must say \"additionalProperties\": false")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["a"],"additionalProperties":false}""", "'required' must list every property and nothing else (missing: b)")]
    [InlineData("""{"type":"object","properties":{"a":{"anyOf":[{"type":"string"},{"type":"integer"}]}},"required":["a"],"additionalProperties":false}""", "At #/properties/a: anyOf is supported only to make a value nullable")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer","enum":[1,2]}},"required":["a"],"additionalProperties":false}""", "At #/properties/a: 'enum' does not apply to this type")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","enum":[1,2]}},"required":["a"],"additionalProperties":false}""", "'enum' must be a non-empty array of strings")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"array","items":{"type":"array","items":{"type":"string"}}}},"required":["a"],"additionalProperties":false}""", "an array cannot hold arrays directly")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"array","items":{"type":"string"},"minItems":3,"maxItems":1}},"required":["a"],"additionalProperties":false}""", "'minItems' is larger than 'maxItems'")]
    [InlineData("""{"type":"object","properties":{"a":{"type":["string","null"]}},"required":["a"],"additionalProperties":false}""", "At #/properties/a: 'type' must be one of")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","maxLength":5}},"required":["a"],"additionalProperties":false}""", "the keyword 'maxLength' is not supported")]
    [InlineData("""{"type":"object","properties":{},"required":[],"additionalProperties":false}""", "an object needs a non-empty 'properties' map")]
    public void SchemaOutsideTheSubset_IsRefusedNamingWhere(string schema, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse(schema));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
