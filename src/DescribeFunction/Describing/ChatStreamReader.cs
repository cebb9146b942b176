using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace DescribeFunction.Describing;

/// <summary>Reads a chat-completions server-sent-event stream into a <see cref="StreamAssembly"/>.</summary>
internal static class ChatStreamReader
{
    private const string DoneMarker = "[DONE]";

    public static async Task ReadAsync(
        Stream stream,
        StreamAssembly assembly,
        Stopwatch clock,
        IProgress<DescribeProgress>? progress,
        CancellationToken cancellationToken)
    {
        await using var bounded = new BoundedEventStream(stream);
        var parser = SseParser.Create(bounded);
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(item.Data))
            {
                continue;
            }

            if (item.Data.Trim() == DoneMarker)
            {
                return;
            }

            var added = assembly.Apply(Parse(item.Data), clock.Elapsed);
            if (added.Length > 0)
            {
                progress?.Report(new DescribeProgress(added, assembly.Text, assembly.Chunks));
            }
        }
    }

    private static ChatChunk Parse(string data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, DescribingJsonContext.Default.ChatChunk)
                ?? throw new JsonException("The chunk is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new DescribeException(
                "bad-chunk",
                $"The describer endpoint sent a chunk that is not a chat.completion.chunk: {ex.Message}",
                innerException: ex);
        }
    }
}
