using System.ClientModel;
using OpenAI.Embeddings;

namespace DescribeFunction.Embedding;

/// <summary>
/// Any OpenAI-compatible <c>POST {base}/embeddings</c> with <c>{model, input, dimensions}</c>, through the OpenAI
/// library's <see cref="EmbeddingClient"/>. The API has no task types, so documents and queries are embedded alike.
/// </summary>
public sealed class OpenAIEmbeddingClient(EmbeddingClient client, string model, int dimensions) : IEmbeddingClient
{
    public string Model { get; } = model;

    public int Dimensions { get; } = dimensions;

    public async Task<EmbeddingResult> EmbedAsync(string text, EmbeddingTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        OpenAIEmbeddingCollection answer;
        try
        {
            answer = (await client.GenerateEmbeddingsAsync([text], new EmbeddingGenerationOptions { Dimensions = Dimensions }, cancellationToken)).Value;
        }
        catch (ClientResultException e) when (e.Status == 0)
        {
            throw new EmbeddingException("connection", $"The embedding endpoint could not be reached: {e.Message}", isTransient: true, e);
        }
        catch (ClientResultException e)
        {
            throw EmbeddingException.ForStatus(e.Status, "(EMBEDDING_BASE_URL)", e.GetRawResponse()?.Content.ToString());
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmbeddingException("timeout", "The embedding endpoint did not answer within the network timeout.", isTransient: true, e);
        }

        if (answer.Count == 0)
        {
            throw new EmbeddingException("bad-answer", "The embedding endpoint answered no embedding.", isTransient: false);
        }

        var vector = answer[0].ToFloats().ToArray();
        return vector.Length == Dimensions
            ? new EmbeddingResult(vector, answer.Usage?.InputTokenCount)
            : throw EmbeddingException.WrongLength(Dimensions, vector.Length);
    }
}
