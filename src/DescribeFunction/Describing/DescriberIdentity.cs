using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DescribeFunction.Configuration;

namespace DescribeFunction.Describing;

/// <summary>
/// What produces a description: the model and a hash of everything sent with the image that shapes the answer. It is
/// recorded on every document (<c>describer</c>), so a backfill can tell a description made under other settings.
/// </summary>
/// <param name="Model">The model requested (<c>DESCRIBE_MODEL</c>).</param>
/// <param name="PromptHash">Lowercase hex SHA-256 over <see cref="HashedParts"/>.</param>
public sealed record DescriberIdentity(string Model, string PromptHash)
{
    /// <summary>The identity the current settings describe with.</summary>
    public static DescriberIdentity From(ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new DescriberIdentity(settings.DescribeModel, Hash(HashedParts(settings)));
    }

    /// <summary>
    /// Every input that changes what the model writes, as named parts. A feature that adds one (an output schema, a
    /// new sampling setting) adds a part here; changing a part makes every existing description <c>stale</c>.
    /// </summary>
    public static IEnumerable<(string Name, string? Value)> HashedParts(ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        yield return ("prompt", settings.DescribePrompt);
        yield return ("systemInstruction", ImageDescriber.SystemInstruction);
        yield return ("outputFormat", Structured.OutputFingerprint.For(settings));
        yield return ("maxOutputTokens", settings.DescribeMaxOutputTokens.ToString(CultureInfo.InvariantCulture));
        yield return ("temperature", settings.DescribeTemperature?.ToString("R", CultureInfo.InvariantCulture));
        yield return ("reasoningEffort", settings.DescribeReasoningEffort);
    }

    /// <summary>Each part as <c>name</c>, its value's length and the value, so no two different lists hash alike.</summary>
    private static string Hash(IEnumerable<(string Name, string? Value)> parts)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parts)
        {
            text.Append(name).Append('=').Append(value is null ? "-" : value.Length.ToString(CultureInfo.InvariantCulture))
                .Append(':').Append(value).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
