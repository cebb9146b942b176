using DescribeFunction.CommandLine;
using DescribeFunction.Configuration;
using DescribeFunction.Embedding;
using DescribeFunction.Store;

namespace DescribeFunction.Backfill;

/// <summary>Which done documents <c>backfill --reembed</c> embeds again; each mode includes the one before it.</summary>
public enum ReembedMode
{
    /// <summary>Done documents with no <c>embedding</c> (including those stored with an <c>embeddingError</c>).</summary>
    Missing,

    /// <summary>Also done documents whose <c>embedder</c> differs from what the current settings would store.</summary>
    Stale,

    /// <summary>Every done document, once per run.</summary>
    All,
}

public static class ReembedModes
{
    public static ReembedMode Parse(string value) => value.ToLowerInvariant() switch
    {
        "missing" => ReembedMode.Missing,
        "stale" => ReembedMode.Stale,
        "all" => ReembedMode.All,
        _ => throw new UsageException($"The option --reembed must be missing, stale or all, not '{value}'."),
    };

    public static string Name(this ReembedMode mode) => mode.ToString().ToLowerInvariant();
}

/// <summary>What a stored document needs from a re-embedding run.</summary>
public enum ReembedClass
{
    /// <summary>No document, or not <c>done</c>: nothing finished to embed; left alone.</summary>
    NotDone,

    UpToDate,

    /// <summary>Its vector is missing or, for the mode, stale: embed <see cref="ReembedSelection.TextOf"/> again.</summary>
    ToEmbed,
}

/// <summary>
/// The choice per document. The expected identity is computed from the stored fields exactly as the function
/// composes its text at completion (<see cref="EmbeddingText.Compose"/>; a custom schema stores no alt text or
/// labels, so only its description counts), so a vector the current settings would make anew is never made again.
/// </summary>
public sealed class ReembedSelection(ReembedMode mode, EmbeddingSettings settings)
{
    public ReembedMode Mode => mode;

    public ReembedClass Classify(EmbeddingCandidate? candidate)
    {
        if (candidate is not { Status: DescriptionStatus.Done, Description: not null })
        {
            return ReembedClass.NotDone;
        }

        var embed = mode switch
        {
            ReembedMode.All => true,
            _ when !candidate.HasVector => true,
            ReembedMode.Stale => candidate.Embedder != EmbedderIdentity.For(settings, TextOf(candidate)),
            _ => false,
        };
        return embed ? ReembedClass.ToEmbed : ReembedClass.UpToDate;
    }

    /// <summary>The text the function would have embedded for this description.</summary>
    public static string TextOf(EmbeddingCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return EmbeddingText.Compose(candidate.Description ?? "", candidate.AltText, candidate.Labels);
    }
}
