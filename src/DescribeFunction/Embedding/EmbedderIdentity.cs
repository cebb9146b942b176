using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DescribeFunction.Configuration;

namespace DescribeFunction.Embedding;

/// <summary>
/// A stored vector's own identity (<c>embedder</c> on the document), separate from the describer's: the model, the
/// length, and a hash of what was embedded and how (the API, the task type and the text). A vector is stale when
/// any of them differs from what the current settings would embed now.
/// </summary>
public sealed record EmbedderIdentity(string Model, int Dimensions, string Hash)
{
    public static EmbedderIdentity For(EmbeddingSettings settings, string text)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(text);
        var model = settings.EmbeddingModel ?? throw new InvalidOperationException("EMBEDDING_MODEL is not set.");
        var recipe = string.Join('\n',
            "api=" + settings.EmbeddingApi.ToString().ToLowerInvariant(),
            "model=" + model,
            "dimensions=" + settings.EmbeddingDimensions.ToString(CultureInfo.InvariantCulture),
            "task=" + EmbeddingTask.Document.WireName(),
            "text=" + text);
        return new EmbedderIdentity(model, settings.EmbeddingDimensions, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipe))));
    }
}
