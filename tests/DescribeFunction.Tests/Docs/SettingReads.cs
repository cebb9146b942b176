using System.Reflection;
using System.Text.RegularExpressions;
using DescribeFunction.Configuration;

namespace DescribeFunction.Tests.Docs;

/// <summary>
/// Finds the settings a body of C# source reads, by name. A read is an upper-case name (<c>PORT</c>,
/// <c>CLOUD_RUN_TASK_INDEX</c>) passed, as a string literal or a string constant declared in the same sources, as the
/// first argument of one of <see cref="SettingsReader"/>'s getters (whichever exist, found by reflection, so a new
/// getter counts at once), <c>Environment.GetEnvironmentVariable</c>, or <c>IConfiguration</c>'s <c>GetValue</c>,
/// <c>GetSection</c>; or used as a configuration indexer that is not assigned to (<c>configuration["X"]</c>, not
/// <c>settings["X"] = …</c>). Other upper-case literals (finish reasons, Firestore statuses) are not reads.
/// </summary>
public static partial class SettingReads
{
    private static readonly string[] Readers =
    [
        .. typeof(SettingsReader).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name).Where(n => n.StartsWith("Get", StringComparison.Ordinal)),
        "GetEnvironmentVariable", "GetValue", "GetSection", "GetRequiredSection",
    ];

    /// <summary>Every setting read anywhere in these sources, with the first file that reads it.</summary>
    public static IReadOnlyDictionary<string, string> Find(IReadOnlyDictionary<string, string> sourcesByPath)
    {
        ArgumentNullException.ThrowIfNull(sourcesByPath);
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in sourcesByPath.Values)
        {
            foreach (Match m in ConstantPattern().Matches(source))
            {
                constants.TryAdd(m.Groups["id"].Value, m.Groups["name"].Value);
            }
        }

        var call = new Regex(
            $@"\b(?:{string.Join('|', Readers.Distinct())})\s*(?:<[^>()]*>)?\(\s*(?:""(?<name>{NamePattern})""|(?:\w+\.)*(?<id>[A-Za-z_]\w*)\s*[,)])",
            RegexOptions.CultureInvariant);
        var reads = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, source) in sourcesByPath.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (Match m in call.Matches(source))
            {
                var name = m.Groups["name"].Success ? m.Groups["name"].Value : constants.GetValueOrDefault(m.Groups["id"].Value);
                if (name is not null)
                {
                    reads.TryAdd(name, path);
                }
            }

            foreach (Match m in IndexerReadPattern().Matches(source))
            {
                reads.TryAdd(m.Groups["name"].Value, path);
            }
        }

        return reads;
    }

    /// <summary>The settings the function and its commands read: the C# sources of <c>src/DescribeFunction/</c>.</summary>
    public static IReadOnlyDictionary<string, string> InFunctionSources() =>
        Find(Repository.SourceFiles("src/DescribeFunction").ToDictionary(path => path, Repository.Read, StringComparer.Ordinal));

    private const string NamePattern = "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*";

    [GeneratedRegex(@"\bconst\s+string\s+(?<id>\w+)\s*=\s*""(?<name>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)""\s*;")]
    private static partial Regex ConstantPattern();

    // configuration["X"] read, not a dictionary entry or an assignment (["X"] = …), nor a comparison (== or =>).
    [GeneratedRegex(@"\w\s*\[\s*""(?<name>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)""\s*\](?!\s*=(?![=>]))")]
    private static partial Regex IndexerReadPattern();
}
