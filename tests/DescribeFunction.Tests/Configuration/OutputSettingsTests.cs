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

    [Fact]
    public void Structured_WithoutASchemaFile_UsesTheDefaultSchema()
    {
        var reader = Reader(("DESCRIBE_OUTPUT", "Structured"));

        var options = FunctionSettings.Read(reader);

        Assert.Empty(reader.Errors);
        Assert.Equal(DescribeOutput.Structured, options.DescribeOutput);
        Assert.Same(StructuredSchema.Default, options.DescribeSchema);
        Assert.True(options.DescribeSchema!.IsDefault);
        Assert.StartsWith("structured:", OutputFingerprint.For(options), StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaPath_IsResolvedAgainstTheSettingsFilesFolder()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "schemas"));
        File.WriteAllText(Path.Combine(_folder, "schemas", "receipt.schema.json"), SchemaSamples.Receipt);
        var reader = Reader(("DESCRIBE_OUTPUT", "structured"), ("DESCRIBE_SCHEMA", "schemas/receipt.schema.json"));

        var options = FunctionSettings.Read(reader);

        Assert.Empty(reader.Errors);
        Assert.False(options.DescribeSchema!.IsDefault);
        Assert.Equal("receipt", options.DescribeSchema.Name);
        Assert.NotEqual(StructuredSchema.Default.Hash, options.DescribeSchema.Hash);
        Assert.Equal(["merchant", "total", "items", "currency", "notes"], options.DescribeSchema.Root.Properties.Select(p => p.Key));
    }

    [Fact]
    public void SchemaFile_WithTextOutput_IsRefused()
    {
        var reader = Reader(("DESCRIBE_SCHEMA", "schemas/receipt.schema.json"));

        FunctionSettings.Read(reader);

        Assert.Equal("The setting DESCRIBE_SCHEMA needs DESCRIBE_OUTPUT set to structured, but DESCRIBE_OUTPUT is text.", Assert.Single(reader.Errors));
    }

    [Fact]
    public void MissingSchemaFile_IsOneSentenceNamingTheSettingAndThePath()
    {
        var reader = Reader(("DESCRIBE_OUTPUT", "structured"), ("DESCRIBE_SCHEMA", "nowhere.json"));

        FunctionSettings.Read(reader);

        var error = Assert.Single(reader.Errors);
        Assert.StartsWith("The setting DESCRIBE_SCHEMA names a schema the function cannot use:", error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder, "nowhere.json"), error, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaOutsideTheSubset_IsRefusedWithThePathOfTheProblem()
    {
        File.WriteAllText(Path.Combine(_folder, "open.json"), """{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}""");
        var reader = Reader(("DESCRIBE_OUTPUT", "structured"), ("DESCRIBE_SCHEMA", "open.json"));

        FunctionSettings.Read(reader);

        var error = Assert.Single(reader.Errors);
        Assert.Contains("At #: an object must say \"additionalProperties\": false.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void DescriberIdentity_ChangesWithTheOutputModeAndTheSchema()
    {
        File.WriteAllText(Path.Combine(_folder, "receipt.schema.json"), SchemaSamples.Receipt);
        var text = DescriberIdentity.From(FunctionSettings.Read(Reader()));
        var structured = DescriberIdentity.From(FunctionSettings.Read(Reader(("DESCRIBE_OUTPUT", "structured"))));
        var custom = DescriberIdentity.From(FunctionSettings.Read(Reader(("DESCRIBE_OUTPUT", "structured"), ("DESCRIBE_SCHEMA", "receipt.schema.json"))));

        Assert.Equal(DescriberIdentity.From(new FunctionSettings()), text);
        Assert.Equal(3, new[] { text.PromptHash, structured.PromptHash, custom.PromptHash }.Distinct().Count());
    }

    [Fact]
    public void TextOutput_FingerprintIsText()
    {
        Assert.Equal("text", OutputFingerprint.For(FunctionSettings.Read(Reader())));
    }
}
