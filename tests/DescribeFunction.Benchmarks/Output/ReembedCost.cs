using System.Globalization;
using DescribeFunction.Benchmarks.Measuring;

namespace DescribeFunction.Benchmarks.Output;

/// <summary>
/// The cost of re-embedding a million images next to re-describing them, from token counts the function recorded in
/// its usage ledger during the run, at per-unit prices that are placeholders (<c>--price</c> sets real ones): the
/// arithmetic is printed, not only the totals.
/// </summary>
internal static class ReembedCost
{
    private const long Images = 1_000_000;

    /// <summary><c>backfill --reembed</c>: one commit with the document's new vector and the embedding model's ledger shard.</summary>
    private const int ReembedWrites = 2;

    /// <summary>
    /// A description: the claim, then the final commit's document write and its two ledger shards (the describe
    /// model's and the embedding model's). Progress writes (one per PROGRESSIVE_INTERVAL while streaming) come on top.
    /// </summary>
    private const int RedescribeWrites = 4;

    public static void Write(TextWriter output, UsageTotals measured, IReadOnlyDictionary<string, double> prices)
    {
        if (measured.Described.Images <= 0 || measured.Embedded.Images <= 0)
        {
            output.WriteLine("  cost: no image was both described and embedded in the embeddings-on rows, so there is nothing to price");
            return;
        }

        var input = (double)measured.Described.InputTokens / measured.Described.Images;
        var outputTokens = (double)measured.Described.OutputTokens / measured.Described.Images;
        var embedding = (double)measured.Embedded.InputTokens / measured.Embedded.Images;
        var characters = measured.EmbeddedTexts == 0 ? 0 : (double)measured.EmbeddedCharacters / measured.EmbeddedTexts;
        var (pIn, pOut, pEmbed, pWrite) = (prices["describe-input"], prices["describe-output"], prices["embedding"], prices["firestore-writes"]);

        output.WriteLine();
        output.WriteLine(Invariant($"Re-embedding {Images:N0} images next to re-describing them, at PLACEHOLDER prices (not quotes; set real ones with --price NAME=USD)"));
        output.WriteLine(Invariant($"  measured (usage ledger, embeddings-on rows): {measured.Described.Images} descriptions with {input:F1} input and {outputTokens:F1} output tokens each; {measured.Embedded.Images} embeddings of {embedding:F1} tokens each ({characters:F0} characters of text)"));
        output.WriteLine(Invariant($"  placeholder prices: describe input ${pIn:0.00##} and output ${pOut:0.00##} per 1M tokens, embedding ${pEmbed:0.00##} per 1M tokens, Firestore ${pWrite:0.00##} per 100,000 writes"));
        var embedCost = Tokens("embedding", embedding, pEmbed, out var embedLine);
        var reembedWrites = Writes(ReembedWrites, pWrite, "the document and the embedding ledger shard", out var reembedWritesLine);
        output.WriteLine($"  re-embed:    {embedLine}");
        output.WriteLine($"               {reembedWritesLine}");
        output.WriteLine(Invariant($"               total ${embedCost + reembedWrites:N2}"));
        var inputCost = Tokens("input", input, pIn, out var inputLine);
        var outputCost = Tokens("output", outputTokens, pOut, out var outputLine);
        var redescribeWrites = Writes(RedescribeWrites, pWrite, "claim, final document write, two ledger shards; progress writes not counted", out var redescribeWritesLine);
        output.WriteLine($"  re-describe: {inputLine}");
        output.WriteLine($"               {outputLine}");
        output.WriteLine(Invariant($"               embedding of the new text ${embedCost:N2} (as above)"));
        output.WriteLine($"               {redescribeWritesLine}");
        var redescribe = inputCost + outputCost + embedCost + redescribeWrites;
        output.WriteLine(Invariant($"               total ${redescribe:N2}"));
        output.WriteLine(Invariant($"  re-describing costs {redescribe / (embedCost + reembedWrites):F1}x re-embedding; the model's part alone is {(inputCost + outputCost) / embedCost:F0}x the embedding's"));
    }

    private static double Tokens(string what, double perImage, double pricePerMillion, out string line)
    {
        var cost = Images * perImage * pricePerMillion / 1_000_000;
        line = Invariant($"{what} {Images:N0} x {perImage:F1} tokens x ${pricePerMillion:0.00##} / 1M = ${cost:N2}");
        return cost;
    }

    private static double Writes(int perImage, double pricePer100K, string which, out string line)
    {
        var cost = Images * perImage * pricePer100K / 100_000;
        line = Invariant($"Firestore {Images:N0} x {perImage} writes ({which}) x ${pricePer100K:0.00##} / 100,000 = ${cost:N2}");
        return cost;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
