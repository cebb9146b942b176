namespace DescribeFunction.Tests.Infrastructure.Fuzzing;

/// <summary>
/// One generated request, kept as plain data so a failure can be reported by its <see cref="Kind"/> and replayed.
/// Headers are added without validation so odd values reach the server as written.
/// </summary>
public sealed record FuzzRequest(string Kind, byte[]? Body, string? ContentType)
{
    public string Method { get; init; } = "POST";

    /// <summary>A path relative to the function's base address; never starts with <c>//</c> (that would name a host).</summary>
    public string Path { get; init; } = "/";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Sends the body with <c>Transfer-Encoding: chunked</c> and no <c>Content-Length</c>.</summary>
    public bool Chunked { get; init; }

    public HttpRequestMessage ToMessage()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(Path, UriKind.Relative));
        if (Body is not null || ContentType is not null)
        {
            HttpContent content = Chunked ? new StreamContent(new MemoryStream(Body ?? [])) : new ByteArrayContent(Body ?? []);
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            request.Content = content;
        }

        if (Chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public override string ToString() =>
        $"{Kind}: {Method} {(Path.Length > 80 ? Path[..80] + "…" : Path)} ({Body?.Length ?? 0} bytes, Content-Type {ContentType ?? "none"}{(Chunked ? ", chunked" : "")})";
}
