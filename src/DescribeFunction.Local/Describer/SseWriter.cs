using System.Text;
using DescribeFunction.Local.Faults;

namespace DescribeFunction.Local.Describer;

/// <summary>
/// Sends an answer as server-sent events: content chunks, a finish chunk, a usage chunk with no choices, then
/// <c>[DONE]</c>. Usage is always sent, as Vertex AI does, whether or not <c>stream_options.include_usage</c> asked.
/// </summary>
internal static class SseWriter
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    public static async Task WriteAsync(HttpContext context, ChatJson json, ChatAnswer answer, FaultPlan? fault, TimeSpan chunkDelay, Action<string> onChunk, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(cancellationToken);
        for (var i = 0; i < answer.Chunks.Count; i++)
        {
            if (fault?.CutAfterChunks is { } cut && i >= cut)
            {
                context.Abort();
                return;
            }

            if (chunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(chunkDelay, cancellationToken);
            }

            await SendAsync(response, json.ContentChunk(answer.Chunks[i], first: i == 0), cancellationToken);
            onChunk(answer.Chunks[i]);
        }

        // A cut at or beyond the last content chunk still breaks the stream before it can finish cleanly.
        if (fault?.CutAfterChunks is not null)
        {
            context.Abort();
            return;
        }

        await SendAsync(response, json.FinishChunk(fault?.FinishReason ?? answer.FinishReason), cancellationToken);
        await SendAsync(response, json.UsageChunk(answer.Usage), cancellationToken);
        await SendAsync(response, Encoding.UTF8.GetBytes("[DONE]"), cancellationToken);
    }

    private static async Task SendAsync(HttpResponse response, byte[] payload, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(DataPrefix, cancellationToken);
        await response.Body.WriteAsync(payload, cancellationToken);
        await response.Body.WriteAsync(EventEnd, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
