namespace DescribeFunction.Tests.Conformance;

/// <summary>
/// One REST request of a scenario. <see cref="Path"/> is relative to <c>/v1/projects/{project}/databases/(default)/documents</c>
/// (<c>"/c/a"</c>, <c>":commit"</c>) unless it starts with <c>//</c>, which makes it absolute from the server root. Paths
/// and bodies may use <c>{docs}</c> (the documents root's name), <c>{project}</c>, and <c>{$N.json.path}</c> (a value
/// from step N's response, such as <c>{$0.writeResults[0].updateTime}</c>).
/// </summary>
public sealed record RestStep(string Method, string Path, string? Body = null, string? Authorization = "Bearer owner")
{
    /// <summary>JSON keys whose values differ by design between runs (generated ids): compared only for presence.</summary>
    public IReadOnlyList<string> Opaque { get; init; } = [];
}

/// <summary>
/// A differential scenario: requests sent in order to the stand-in and to the official emulator, each in a project
/// of its own, whose responses must agree. A known departure of the emulator from production Firestore names it and
/// gives production's answer to the last step, which the stand-in must give instead.
/// </summary>
public sealed record Scenario(string Name, IReadOnlyList<RestStep> Steps)
{
    public string? Departure { get; init; }

    /// <summary>Production's status code and <c>error.status</c> for the last step of a departure.</summary>
    public (int Code, string? Status) Production { get; init; }

    public override string ToString() => Name;
}
