using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Describing.Structured;

namespace DescribeFunction.Tests.Configuration;

/// <summary>DESCRIBE_OUTPUT and DESCRIBE_SCHEMA: the schema is found relative to the settings file and checked at startup.</summary>
public sealed class OutputSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("output-settings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SettingsReader Reader(params (string Key, string? Value)[] values) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(), _folder);

    /// <summary>What the startup does: the settings, then the schema they name.</summary>
    private static FunctionSettings Read(SettingsReader reader)
    {
        var options = FunctionSettings.Read(reader);
        StructuredSchema.Read(options.Model, reader);
        return options;
    }

    [Fact]
    public void Structured_WithoutASchemaFile_UsesTheDefaultSchema()
    {
        var reader = Reader(("DESCRIBE_OUTPUT", "Structured"));

        var options = Read(reader);

        Assert.Empty(reader.Errors);
        Assert.Equal(DescribeOutput.Structured, options.Model.DescribeOutput);
        Assert.Null(options.Model.DescribeSchemaPath);
        Assert.Same(StructuredSchema.Default, StructuredSchema.For(options.Model));
        Assert.StartsWith("structured:", OutputFingerprint.For(options.Model), StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaPath_IsResolvedAgainstTheSettingsFilesFolder()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "schemas"));
        File.WriteAllText(Path.Combine(_folder, "schemas", "receipt.schema.json"), SchemaSamples.Receipt);
        var reader = Reader(("DESCRIBE_OUTPUT", "structured"), ("DESCRIBE_SCHEMA", "schemas/receipt.schema.json"));

        var options = Read(reader);

        Assert.Empty(reader.Errors);
        Assert.Equal(Path.Combine(_folder, "schemas", "receipt.schema.json"), options.Model.DescribeSchemaPath);
        var schema = StructuredSchema.For(options.Model)!;
        Assert.False(schema.IsDefault);
        Assert.Equal("receipt", schema.Name);
        Assert.NotEqual(StructuredSchema.Default.Hash, schema.Hash);
        Assert.Equal(["merchant", "total", "items", "currency", "notes"], schema.Root.Properties.Select(p => p.Key));
    }

    [Fact]
    public void SchemaFile_WithTextOutput_IsRefused()
    {
        var reader = Reader(("DESCRIBE_SCHEMA", "schemas/receipt.schema.json"));

        Read(reader);

        Assert.Equal("The setting DESCRIBE_SCHEMA needs DESCRIBE_OUTPUT set to structured, but DESCRIBE_OUTPUT is text.", Assert.Single(reader.Errors));
    }

    [Fact]
    public void MissingSchemaFile_IsOneSentenceNamingTheSettingAndThePath()
    {
        var reader = Reader(("DESCRIBE_OUTPUT", "structured"), ("DESCRIBE_SCHEMA", "nowhere.json"));

        Read(reader);

        var error = Assert.Single(reader.Errors);
        Assert.StartsWith("The setting DESCRIBE_SCHEMA names a schema the function cannot use:", error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder, "nowhere.json"), error, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaOutsideTheSubset_IsRefusedWithThePathOfTheProblem()
    {
        File.WriteAllText(Path.Combine(_folder, "open.json"), """{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""");
        var reader = Reader(("DESCRIBE_OUTPUT", "structured"), ("DESCRIBE_SCHEMA", "open.json"));

        Read(reader);

        var error = Assert.Single(reader.Errors);
        Assert.Contains("At #: an object must say \"additionalProperties\": false.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void DescriberIdentity_ChangesWithTheOutputModeAndTheSchema()
    {
        File.WriteAllText(Path.Combine(_folder, "receipt.schema.json"), SchemaSamples.Receipt);
        var text = DescriberIdentity.From(Read(Reader()).Model);
        var structured = DescriberIdentity.From(Read(Reader(("DESCRIBE_OUTPUT", "structured"))).Model);
        var custom = DescriberIdentity.From(Read(Reader(("DESCRIBE_OUTPUT", "structured"), ("DESCRIBE_SCHEMA", "receipt.schema.json"))).Model);

        Assert.Equal(DescriberIdentity.From(new ModelSettings()), text);
        Assert.Equal(3, new[] { text.PromptHash, structured.PromptHash, custom.PromptHash }.Distinct().Count());
    }

    [Fact]
    public void TextOutput_FingerprintIsText()
    {
        Assert.Equal("text", OutputFingerprint.For(Read(Reader()).Model));
    }
}
