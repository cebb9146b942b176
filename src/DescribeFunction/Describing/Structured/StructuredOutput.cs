using System.Text.Json;

namespace DescribeFunction.Describing.Structured;

/// <summary>A model answer that validated against the requested schema.</summary>
public sealed record StructuredOutput
{
    /// <summary>The whole object, detached from the parsed document.</summary>
    public required JsonElement Value { get; init; }

    public required StructuredSchema Schema { get; init; }

    /// <summary>The prose: the <c>description</c> property, or for a custom schema without one the object as compact JSON.</summary>
    public required string Description { get; init; }

    /// <summary>Default schema only, like the other typed properties.</summary>
    public string? AltText { get; init; }

    /// <summary>Lowercase, trimmed, duplicates dropped, in the model's order.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    public string? VisibleText { get; init; }

    public bool? ContainsPeople { get; init; }
}
