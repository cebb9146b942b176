using System.Net.Http.Headers;
using System.Text.Json;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Embedding;

/// <summary>
/// Vertex AI's native text embeddings: <c>POST …/v1/projects/{p}/locations/{l}/publishers/google/models/{m}:predict</c>
/// with <c>{"instances":[{"content","task_type"}],"parameters":{"outputDimensionality"}}</c>, one instance per request
/// (what <c>gemini-embedding-001</c> accepts), answered by <c>predictions[0].embeddings</c> {<c>values</c>,
/// <c>statistics.token_count</c>}. A bearer token is asked of the credential for every request (it caches and
/// refreshes), as the describer and the Firestore client do.
/// </summary>
public sealed class VertexEmbeddingClient : IEmbeddingClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpClient _http;
    private readonly ITokenAccess _auth;
    private readonly Uri _predictUrl;

    public VertexEmbeddingClient(HttpClient http, ITokenAccess auth, Uri predictUrl, string model, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(predictUrl);
        _http = http;
        _auth = auth;
        _predictUrl = predictUrl;
        Model = model;
        Dimensions = dimensions;
    }

    public string Model { get; }

    public int Dimensions { get; }

    /// <summary><c>https://{location}-aiplatform.googleapis.com/v1/projects/…:predict</c>; <c>global</c> has no prefix; a base URL replaces the host.</summary>
    public static Uri PredictUrl(Uri? baseUrl, string projectId, string location, string model)
    {
        var root = baseUrl?.AbsoluteUri.TrimEnd('/') ?? (location == "global" ? "https://aiplatform.googleapis.com" : $"https://{location}-aiplatform.googleapis.com");
        return new Uri($"{root}/v1/projects/{Uri.EscapeDataString(projectId)}/locations/{location}/publishers/google/models/{Uri.EscapeDataString(model)}:predict");
    }

    public async Task<EmbeddingResult> EmbedAsync(string text, EmbeddingTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var token = await _auth.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, _predictUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = new ByteArrayContent(RequestBody(text, task, Dimensions));
        request.Content.Headers.ContentType = JsonContentType;
        byte[] body;
        int status;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            throw new EmbeddingException("connection", $"The embedding endpoint {_predictUrl.Host} could not be reached: {e.Message}", isTransient: true, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmbeddingException("timeout", $"The embedding endpoint {_predictUrl.Host} did not answer within the HTTP timeout.", isTransient: true, e);
        }

        if (status is < 200 or > 299)
        {
            throw EmbeddingException.ForStatus(status, _predictUrl.Host, ErrorMessage(body));
        }

        return Parse(body, Dimensions);
    }

    public static byte[] RequestBody(string text, EmbeddingTask task, int dimensions)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("instances");
            w.WriteStartObject();
            w.WriteString("content", text);
            w.WriteString("task_type", task.WireName());
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("parameters");
            w.WriteNumber("outputDimensionality", dimensions);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static EmbeddingResult Parse(byte[] body, int dimensions)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var embeddings = json.RootElement.GetProperty("predictions")[0].GetProperty("embeddings");
            var values = embeddings.GetProperty("values");
            var vector = new float[values.GetArrayLength()];
            var i = 0;
            foreach (var value in values.EnumerateArray())
            {
                vector[i++] = value.GetSingle();
            }

            long? tokens = embeddings.TryGetProperty("statistics", out var statistics)
                && statistics.TryGetProperty("token_count", out var count) && count.ValueKind == JsonValueKind.Number
                ? (long)count.GetDouble() : null;
            return vector.Length == dimensions ? new EmbeddingResult(vector, tokens) : throw EmbeddingException.WrongLength(dimensions, vector.Length);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new EmbeddingException("bad-answer", $"The embedding endpoint's answer has no predictions[0].embeddings.values: {e.Message}", isTransient: false, e);
        }
    }

    private static string? ErrorMessage(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message)
                ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
