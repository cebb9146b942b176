using DescribeFunction.Configuration;

namespace DescribeFunction.Describing.Structured;

/// <summary>
/// What the output mode adds to the describer's identity: <c>text</c>, or <c>structured:</c> and the schema's
/// SHA-256. It belongs in <c>describer.promptHash</c> beside the model and prompt, so that changing the mode or the
/// schema marks earlier descriptions stale.
/// </summary>
public static class OutputFingerprint
{
    public const string Text = "text";

    public static string For(ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return StructuredSchema.For(settings) is { } schema ? "structured:" + schema.Hash : Text;
    }
}
