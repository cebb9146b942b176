using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DescribeFunction.Configuration;

/// <summary>
/// Reads <c>function.yaml</c>: a flat map of setting names to values (the shape <c>gcloud --env-vars-file</c> takes).
/// Nested maps are flattened with <c>:</c> so the file may grow sections without breaking the reader. A file that
/// cannot be read is an <see cref="InvalidSettingsException"/>, so every entry point says so in one sentence.
/// </summary>
public sealed class YamlFileConfigurationSource(string path, bool optional) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new YamlFileConfigurationProvider(path, optional);
}

internal sealed class YamlFileConfigurationProvider(string path, bool optional) : ConfigurationProvider
{
    public override void Load()
    {
        if (!File.Exists(path))
        {
            if (optional)
            {
                return;
            }

            throw new InvalidSettingsException($"The configuration file {path} does not exist.");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            // YamlDotNet's message repeats the position; the line is what an operator needs.
            throw new InvalidSettingsException($"The configuration file {path} is not valid YAML at line {e.Start.Line}: {e.Message.TrimEnd('.')}.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSettingsException($"The configuration file {path} cannot be read: {e.Message}", e);
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is not YamlScalarNode { Value: null or "" })
        {
            if (stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                throw new InvalidSettingsException($"The configuration file {path} must be a map of setting names to values.");
            }

            Flatten(root, prefix: null, data);
        }

        Data = data;
    }

    private static void Flatten(YamlMappingNode map, string? prefix, Dictionary<string, string?> data)
    {
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = prefix is null ? ((YamlScalarNode)keyNode).Value! : $"{prefix}:{((YamlScalarNode)keyNode).Value}";
            switch (valueNode)
            {
                case YamlMappingNode child:
                    Flatten(child, key, data);
                    break;
                case YamlScalarNode scalar:
                    data[key] = scalar.Value;
                    break;
                default:
                    throw new InvalidSettingsException($"The setting {key} in function.yaml must be a single value, not a list.");
            }
        }
    }
}
