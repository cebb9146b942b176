using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DescribeFunction.Configuration;

namespace DescribeFunction.Describing.Structured;

/// <summary>
/// The JSON Schema sent as the request's <c>response_format</c>: the default one that ships as
/// <c>schemas/description.schema.json</c>, or the file <c>DESCRIBE_SCHEMA</c> names. Read and checked once at startup.
/// </summary>
public sealed partial class StructuredSchema
{
    public const string DefaultName = "image_description";
    private const string DefaultResource = "DescribeFunction.description.schema.json";

    private static readonly Lazy<StructuredSchema> LazyDefault = new(LoadDefault);

    // One parsed schema per file for the process: the startup's check loads it, later users share that copy.
    private static readonly ConcurrentDictionary<string, StructuredSchema> Files = new(StringComparer.Ordinal);

    private StructuredSchema(string name, byte[] json, SchemaNode root, bool isDefault)
    {
        Name = name;
        Json = BinaryData.FromBytes(json);
        Root = root;
        IsDefault = isDefault;
        Hash = Convert.ToHexStringLower(SHA256.HashData(json));
    }

    /// <summary>The default schema: description, altText, labels, visibleText, containsPeople.</summary>
    public static StructuredSchema Default => LazyDefault.Value;

    /// <summary>The <c>json_schema.name</c> sent with it (letters, digits, <c>_</c> and <c>-</c>, at most 64).</summary>
    public string Name { get; }

    /// <summary>The schema as sent, compact JSON.</summary>
    public BinaryData Json { get; }

    public SchemaNode Root { get; }

    /// <summary>The default schema's properties become top-level document fields; a custom schema's go under <c>data</c>.</summary>
    public bool IsDefault { get; }

    /// <summary>Lowercase hex SHA-256 of <see cref="Json"/>: changes whenever the schema does.</summary>
    public string Hash { get; }

    /// <summary>The schema the settings ask for: null in text mode, else the <c>DESCRIBE_SCHEMA</c> file or the default.</summary>
    /// <exception cref="InvalidDataException">The file is missing, not JSON, or outside the supported subset.</exception>
    public static StructuredSchema? For(ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.DescribeOutput != DescribeOutput.Structured)
        {
            return null;
        }

        return settings.DescribeSchemaPath is { } path ? Files.GetOrAdd(path, Load) : Default;
    }

    /// <summary>Loads the schema at startup, reporting a schema the function cannot use as one sentence naming DESCRIBE_SCHEMA.</summary>
    public static StructuredSchema? Read(ModelSettings settings, SettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return For(settings);
        }
        catch (InvalidDataException e)
        {
            reader.Require(false, $"The setting DESCRIBE_SCHEMA names a schema the function cannot use: {e.Message}");
            return null;
        }
    }

    /// <summary>Reads and checks a schema file.</summary>
    /// <exception cref="InvalidDataException">The file is missing, not JSON, or outside the supported subset.</exception>
    public static StructuredSchema Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"The schema file {path} cannot be read: {e.Message}", e);
        }

        var name = NameFrom(Path.GetFileName(path));
        return Parse(bytes, name, isDefault: false, path);
    }

    private static StructuredSchema LoadDefault()
    {
        using var stream = typeof(StructuredSchema).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The embedded resource {DefaultResource} is missing from the build.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(memory.ToArray(), DefaultName, isDefault: true, "the default schema");
    }

    private static StructuredSchema Parse(byte[] bytes, string name, bool isDefault, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = SchemaSubset.Parse(document.RootElement);
            using var compact = new MemoryStream();
            using (var writer = new Utf8JsonWriter(compact))
            {
                document.RootElement.WriteTo(writer);
            }

            return new StructuredSchema(name, compact.ToArray(), root, isDefault);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The schema in {source} is not valid JSON: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"The schema in {source} is not supported. {e.Message}", e);
        }
    }

    /// <summary><c>receipt.schema.json</c> → <c>receipt</c>.</summary>
    private static string NameFrom(string fileName)
    {
        var stem = fileName.Split('.')[0];
        var name = NotAllowedInName().Replace(stem, "_");
        return name.Length == 0 ? DefaultName : name[..Math.Min(64, name.Length)];
    }

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotAllowedInName();
}
