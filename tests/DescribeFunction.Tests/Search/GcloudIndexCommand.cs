using System.Text.Json;
using System.Text.RegularExpressions;
using DescribeFunction.Local.Firestore;

namespace DescribeFunction.Tests.Search;

/// <summary>
/// Reads a <c>gcloud firestore indexes composite create</c> command line as gcloud would: the collection group and
/// each <c>--field-config</c> (<c>field-path</c>, <c>order</c>, <c>array-config</c>, <c>vector-config</c> JSON), so a
/// test can create exactly the index a printed command names.
/// </summary>
internal static partial class GcloudIndexCommand
{
    public static CompositeIndex Parse(string command)
    {
        var group = CollectionGroup().Match(command);
        Assert.True(group.Success, $"No --collection-group in: {command}");
        var fields = FieldConfig().Matches(command).Select(m => Field(m.Groups["config"].Value)).ToList();
        Assert.NotEmpty(fields);
        return new CompositeIndex(group.Groups["name"].Value, fields);
    }

    private static IndexField Field(string config)
    {
        var pairs = Pair().Matches(config).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value.Trim('\''));
        var path = pairs["field-path"];
        if (pairs.TryGetValue("vector-config", out var vector))
        {
            using var json = JsonDocument.Parse(vector);
            return new IndexField(path, IndexFieldKind.Vector, int.Parse(json.RootElement.GetProperty("dimension").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }

        return new IndexField(path, pairs.ContainsKey("array-config") ? IndexFieldKind.Contains : IndexFieldKind.Ordered);
    }

    [GeneratedRegex(@"--collection-group=(?<name>\S+)")]
    private static partial Regex CollectionGroup();

    [GeneratedRegex(@"--field-config=(?<config>(?:[^\s']|'[^']*')+)")]
    private static partial Regex FieldConfig();

    [GeneratedRegex(@"(?<key>[a-z-]+)=(?<value>'[^']*'|[^,]*)")]
    private static partial Regex Pair();
}
