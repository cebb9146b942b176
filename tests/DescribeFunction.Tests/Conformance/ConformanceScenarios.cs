namespace DescribeFunction.Tests.Conformance;

/// <summary>
/// The table of differential scenarios, one file per area. Bodies are raw JSON with the <see cref="RestStep"/>
/// placeholders; the helpers below only shorten the commonest shapes.
/// </summary>
public static partial class ConformanceScenarios
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        .. Reads(), .. Writes(), .. Values(), .. Transforms(), .. Queries(), .. Aggregations(), .. Transactions(), .. Listings(), .. Vectors(),
    ];

    private static Scenario S(string name, params RestStep[] steps) => new(name, steps);

    private static Scenario Departure(string name, string departure, (int, string?) production, params RestStep[] steps) =>
        new(name, steps) { Departure = departure, Production = production };

    private static RestStep Get(string path) => new("GET", path);

    private static RestStep Post(string path, string body) => new("POST", path, body);

    private static RestStep Patch(string path, string body) => new("PATCH", path, body);

    private static RestStep Delete(string path) => new("DELETE", path);

    private static RestStep Commit(params string[] writes) => Post(":commit", $$"""{"writes":[{{string.Join(",", writes)}}]}""");

    /// <summary>A write replacing the document <paramref name="document"/> (relative, <c>c/a</c>) with <paramref name="fields"/>.</summary>
    private static string Set(string document, string fields, string extra = "") =>
        $$"""{"update":{"name":"{docs}/{{document}}","fields":{{fields}}}{{(extra.Length > 0 ? "," + extra : "")}}}""";

    private static string Remove(string document, string extra = "") =>
        $$"""{"delete":"{docs}/{{document}}"{{(extra.Length > 0 ? "," + extra : "")}}}""";

    private static string TransformOnly(string document, string transforms, string extra = "") =>
        $$"""{"transform":{"document":"{docs}/{{document}}","fieldTransforms":[{{transforms}}]}{{(extra.Length > 0 ? "," + extra : "")}}}""";

    /// <summary>Sets <c>c/a</c> with the one field <c>v</c> and reads it back: a value's round trip.</summary>
    private static Scenario RoundTrip(string name, string value) =>
        S(name, Commit(Set("c/a", $$"""{"v":{{value}}}""")), Get("/c/a"));

    /// <summary>A commit the servers must refuse (or accept) on its own.</summary>
    private static Scenario Write(string name, string value) => S(name, Commit(Set("c/a", $$"""{"v":{{value}}}""")));

    /// <summary>The fields of a document holding one field <c>v</c>.</summary>
    private static string V(string value) => $$"""{"v":{{value}}}""";

    private static string Int(long value) => $$"""{"integerValue":"{{value}}"}""";

    private static string Str(string value) => $$"""{"stringValue":"{{value}}"}""";
}
