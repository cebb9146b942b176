using System.Text;
using System.Text.Json;

namespace DescribeFunction.Describing;

/// <summary>Accumulates chat.completion.chunk events into a description.</summary>
internal sealed class StreamAssembly
{
    private readonly StringBuilder _text = new();

    public int Chunks { get; private set; }

    public string? Model { get; private set; }

    public string? RawFinishReason { get; private set; }

    public int? InputTokens { get; private set; }

    public int? OutputTokens { get; private set; }

    public int? ReasoningTokens { get; private set; }

    public TimeSpan? TimeToFirstToken { get; private set; }

    public string Text => _text.ToString();

    /// <summary>Applies one chunk and returns the text it added (empty when none).</summary>
    public string Apply(ChatChunk chunk, TimeSpan elapsed)
    {
        Chunks++;
        ThrowIfError(chunk);
        if (Model is null && !string.IsNullOrEmpty(chunk.Model))
        {
            Model = chunk.Model;
        }

        if (chunk.Usage is { } usage)
        {
            InputTokens = usage.PromptTokens ?? InputTokens;
            OutputTokens = usage.CompletionTokens ?? OutputTokens;
            ReasoningTokens = usage.CompletionTokensDetails?.ReasoningTokens ?? ReasoningTokens;
        }

        var added = string.Empty;
        foreach (var choice in chunk.Choices ?? [])
        {
            // One completion is requested; a server that numbers choices must not mix others in.
            if (choice.Index is not (null or 0))
            {
                continue;
            }

            if (!string.IsNullOrEmpty(choice.Delta?.Content))
            {
                _text.Append(choice.Delta.Content);
                added += choice.Delta.Content;
                TimeToFirstToken ??= elapsed;
            }

            if (choice.FinishReason is not null)
            {
                RawFinishReason = choice.FinishReason;
            }
        }

        return added;
    }

    private static void ThrowIfError(ChatChunk chunk)
    {
        if (chunk.Error is not { ValueKind: JsonValueKind.Object or JsonValueKind.String } error)
        {
            return;
        }

        var status = EndpointError.ReadStatus(error);
        var message = error.ValueKind == JsonValueKind.String ? error.GetString() : EndpointError.FromElement(error);
        throw new DescribeException(
            status is { } code ? $"endpoint-{code}" : "endpoint-error",
            $"The describer endpoint reported an error mid-stream: {message ?? "no message"}",
            isTransient: status is null || Retries.TransientStatus.IsTransient(status.Value),
            httpStatus: status,
            endpointMessage: message);
    }
}
