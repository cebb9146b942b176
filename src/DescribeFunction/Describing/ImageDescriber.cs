using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using DescribeFunction.Configuration;
using DescribeFunction.Describing.Structured;
using OpenAI.Chat;

namespace DescribeFunction.Describing;

/// <summary>Streams one image description from the chat-completions endpoint and assembles it.</summary>
/// <remarks>
/// The library sends the request (auth per attempt, retries of 408/429/5xx before the stream starts, errors as
/// <see cref="ClientResultException"/>) through its protocol method, with the body written by
/// <see cref="ChatRequestContent"/>; the stream is read here from the raw response: OpenAI 2.15
/// parses <c>finish_reason</c> into a closed enum and throws on Vertex's <c>MAX_TOKENS</c>, <c>SAFETY</c> or
/// <c>""</c>, which would lose the usage chunk that follows and hide the real reason.
/// </remarks>
public sealed class ImageDescriber : IImageDescriber
{
    /// <summary>The system instruction sent before the prompt.</summary>
    public const string SystemInstruction =
        "You describe images accurately. Describe only what is visible; do not guess at what is not shown.";

    /// <summary>Added in structured mode, for endpoints that pass <c>response_format</c> over or ignore it.</summary>
    public const string StructuredInstruction =
        " Answer with one JSON object that follows the given schema and nothing else.";

    private readonly ChatClient _client;
    private readonly ModelSettings _options;
    private readonly StructuredSchema? _schema;

    public ImageDescriber(ChatClient client, ModelSettings options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _schema = StructuredSchema.For(options);
    }

    /// <summary>Describes the image; <paramref name="progress"/> receives each piece of text as it arrives.</summary>
    /// <exception cref="DescribeException">The endpoint failed, the stream broke, or no description came back.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DescriptionResult> DescribeAsync(
        DescribeRequest request,
        IProgress<DescribeProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var assembly = new StreamAssembly();
        if (_schema is not null && progress is not null)
        {
            progress = new StructuredProgress(progress);
        }

        try
        {
            // The protocol method with a body of our own: an inline image is streamed into it, never copied whole.
            using var content = ChatRequestContent.Create(request, _options, _schema);
            var result = await _client.CompleteChatAsync(content, new RequestOptions { BufferResponse = false, CancellationToken = cancellationToken });
            using var response = result.GetRawResponse();
            var stream = response.ContentStream ?? throw new DescribeException(
                "empty-response", "The describer endpoint sent no response body.", isTransient: true);
            await ChatStreamReader.ReadAsync(stream, assembly, clock, progress, cancellationToken);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // A cancelled read can surface as a broken connection; the caller asked for it, so say so.
            throw new OperationCanceledException("The description was cancelled.", ex, cancellationToken);
        }
        catch (ClientResultException ex)
        {
            throw DescribeErrors.FromClientResult(ex);
        }
        catch (IOException ex)
        {
            throw DescribeErrors.StreamInterrupted(ex, assembly);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw DescribeErrors.TimedOut(ex, assembly);
        }

        return Complete(assembly, clock.Elapsed);
    }

    private DescriptionResult Complete(StreamAssembly assembly, TimeSpan total)
    {
        var finishReason = FinishReasons.Normalize(assembly.RawFinishReason);
        if (string.IsNullOrWhiteSpace(assembly.Text))
        {
            throw EmptyDescription(assembly, finishReason);
        }

        var structured = _schema is { } schema
            ? StructuredOutputParser.Parse(assembly.Text, schema, finishReason)
            : null;
        return new DescriptionResult
        {
            Text = structured?.Description ?? assembly.Text,
            Structured = structured,
            Model = assembly.Model ?? _options.DescribeModel,
            FinishReason = finishReason,
            RawFinishReason = assembly.RawFinishReason,
            InputTokens = assembly.InputTokens,
            OutputTokens = assembly.OutputTokens,
            ReasoningTokens = assembly.ReasoningTokens,
            Chunks = assembly.Chunks,
            TimeToFirstToken = assembly.TimeToFirstToken,
            Total = total,
        };
    }

    private DescribeException EmptyDescription(StreamAssembly assembly, string? finishReason) => finishReason switch
    {
        FinishReasons.ContentFilter => new DescribeException(
            "blocked",
            $"The model declined to describe the image (finish reason '{assembly.RawFinishReason}')."),
        FinishReasons.Length => new DescribeException(
            "empty-description",
            $"The model spent its whole output cap of {_options.DescribeMaxOutputTokens} tokens before writing any " +
            $"text (thinking counts against it; {assembly.ReasoningTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} " +
            "reasoning tokens reported); raise DESCRIBE_MAX_OUTPUT_TOKENS."),
        _ => new DescribeException(
            "empty-description",
            $"The model returned no text (finish reason '{assembly.RawFinishReason ?? "none"}', {assembly.Chunks} chunks)."),
    };
}
