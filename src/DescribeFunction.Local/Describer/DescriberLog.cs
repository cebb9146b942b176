using System.Collections.Concurrent;

namespace DescribeFunction.Local.Describer;

/// <summary>What reached the describer, exactly as received, so tests can assert on the wire rather than on intent.</summary>
public sealed class DescriberLog
{
    private readonly ConcurrentQueue<string> _imageUrls = new();
    private readonly ConcurrentQueue<DescriberRequest> _requests = new();
    private readonly ConcurrentQueue<EmbeddingRequest> _embeddings = new();
    private int _requestCount;

    /// <summary>Every text embedded, on either protocol, in arrival order.</summary>
    public IReadOnlyList<EmbeddingRequest> Embeddings => [.. _embeddings];

    /// <summary>Chat completion requests that arrived (including ones later refused).</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Every <c>image_url.url</c> received, byte for byte, in arrival order.</summary>
    public IReadOnlyList<string> ImageUrls => [.. _imageUrls];

    /// <summary>Every request that parsed, in arrival order.</summary>
    public IReadOnlyList<DescriberRequest> Requests => [.. _requests];

    /// <summary>Raised after each streamed content chunk is sent, so the demo can show a stream as it happens.</summary>
    public event EventHandler<StreamedChunk>? ChunkStreamed;

    internal void OnChunkStreamed(string imageUrl, string text) => ChunkStreamed?.Invoke(this, new StreamedChunk(imageUrl, text));

    internal void RecordEmbedding(string model, string text, string? taskType) => _embeddings.Enqueue(new EmbeddingRequest(model, text, taskType));

    internal void CountRequest() => Interlocked.Increment(ref _requestCount);

    internal void Record(string path, ChatRequest request)
    {
        foreach (var url in request.ImageUrls)
        {
            _imageUrls.Enqueue(url);
        }

        _requests.Enqueue(new DescriberRequest(path, request.Model, request.Stream, request.ImageUrls, request.MaxTokens, request.ResponseFormat?.ToJsonString()));
    }
}

/// <summary>One parsed chat completion request.</summary>
/// <param name="ResponseFormat">The <c>response_format</c> object as JSON text, when the request asked for JSON.</param>
public sealed record DescriberRequest(string Path, string Model, bool Stream, IReadOnlyList<string> ImageUrls, int? MaxTokens, string? ResponseFormat = null);

/// <summary>One piece of streamed text and the image it describes.</summary>
public sealed record StreamedChunk(string ImageUrl, string Text);

/// <summary>One text that reached an embedding endpoint; <paramref name="TaskType"/> is Vertex's <c>task_type</c>.</summary>
public sealed record EmbeddingRequest(string Model, string Text, string? TaskType);
