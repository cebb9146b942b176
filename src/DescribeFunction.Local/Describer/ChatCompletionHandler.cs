using DescribeFunction.Local.Faults;

namespace DescribeFunction.Local.Describer;

/// <summary>One chat completion: check it like Vertex, read and measure the images, answer whole or streamed.</summary>
internal sealed class ChatCompletionHandler(DescriberSettings settings, DescriberLog log, ImageResolver resolver)
{
    private const string UnprocessableImage =
        "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";

    private int _responses;

    /// <summary>The OpenAI-shaped path: any model name is accepted.</summary>
    public Task HandleOpenAIAsync(HttpContext context) => HandleAsync(context, vertex: null);

    /// <summary>The Vertex-shaped path: model names are checked against the project and location in the path.</summary>
    public Task HandleVertexAsync(HttpContext context, string project, string location) =>
        HandleAsync(context, (project, location));

    private async Task HandleAsync(HttpContext context, (string Project, string Location)? vertex)
    {
        var ct = context.RequestAborted;
        log.CountRequest();
        if (VertexGate.CheckAuth(context.Request, settings) is { } authError)
        {
            await GoogleError.WriteAsync(context, 401, authError, ct);
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, ct);
        var request = ChatRequest.TryParse(body.GetBuffer().AsSpan(0, (int)body.Length), out var parseError);
        if (request is null)
        {
            await GoogleError.WriteAsync(context, 400, parseError, ct);
            return;
        }

        if (settings.RecordRequests)
        {
            log.Record(context.Request.Path.Value ?? "", request);
        }

        var refusal = Validate(request, vertex);
        if (refusal is { } r)
        {
            await GoogleError.WriteAsync(context, r.Status, r.Message, ct);
            return;
        }

        var facts = new List<ImageFacts>();
        foreach (var url in request.ImageUrls)
        {
            var image = resolver.Resolve(url);
            var measured = image.Bytes is null ? null : ImageAnalyzer.Analyze(image.Bytes);
            if (measured is null)
            {
                await GoogleError.WriteAsync(context, 400, image.Error ?? UnprocessableImage, ct);
                return;
            }

            facts.Add(measured);
        }

        await RespondAsync(context, request, Answer(request, facts, FaultMiddleware.CurrentPlan(context)), ct);
    }

    private ChatAnswer Answer(ChatRequest request, List<ImageFacts> facts, FaultPlan? fault)
    {
        if (request.ResponseSchema is not { } schema || fault?.InvalidStructuredOutput == true)
        {
            return ChatAnswer.From(DescriptionComposer.Compose(facts), request, settings.AnswerChunks);
        }

        // AnswerChunks stretches the prose inside the JSON, so a load test's streams keep their length.
        var prose = string.Join(' ', ChatAnswer.Words(DescriptionComposer.Compose(facts), settings.AnswerChunks));
        return ChatAnswer.FromJson(StructuredComposer.Compose(schema, facts[0], prose), request);
    }

    private (int Status, string Message)? Validate(ChatRequest request, (string Project, string Location)? vertex)
    {
        if (request.Model.Length == 0)
        {
            return (400, "model is required.");
        }

        if (vertex is { } v && VertexGate.CheckModel(request.Model, v.Project, v.Location, settings) is { } modelError)
        {
            return modelError;
        }

        if (request.MaxTokens is < 1)
        {
            return (400, "max_tokens must be at least 1.");
        }

        return request.ImageUrls.Count == 0
            ? (400, "The offline describer needs a user message with an image_url part.")
            : null;
    }

    private async Task RespondAsync(HttpContext context, ChatRequest request, ChatAnswer answer, CancellationToken ct)
    {
        var number = Interlocked.Increment(ref _responses);
        var json = new ChatJson($"chatcmpl-local-{number}", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), request.Model);
        var fault = FaultMiddleware.CurrentPlan(context);
        if (request.Stream)
        {
            await SseWriter.WriteAsync(context, json, answer, fault, settings.ChunkDelay, text => log.OnChunkStreamed(request.ImageUrls[0], text), ct);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(json.Completion(answer.Text, fault?.FinishReason ?? answer.FinishReason, answer.Usage), ct);
    }
}
