using System.Text.Json;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Faults;

namespace DescribeFunction.Local.Embedder;

/// <summary>
/// Both embedding protocols the function speaks, answered with <see cref="MeaningVector"/>s: Vertex AI's
/// <c>…/publishers/google/models/{model}:predict</c> (bearer token checked, one instance per request for
/// <c>gemini-embedding-001</c>, <c>outputDimensionality</c> up to the model's size) and the OpenAI-compatible
/// <c>POST …/embeddings</c>.
/// </summary>
internal sealed class EmbeddingHandler(DescriberSettings settings, DescriberLog log)
{
    /// <summary>The Vertex embedding models served, and the most dimensions each gives.</summary>
    public static IReadOnlyDictionary<string, int> VertexModels { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["gemini-embedding-001"] = 3072,
        ["text-embedding-005"] = 768,
        ["text-multilingual-embedding-002"] = 768,
    };

    public async Task HandleVertexAsync(HttpContext context, string project, string location, string modelAction)
    {
        var ct = context.RequestAborted;
        if (!modelAction.EndsWith(":predict", StringComparison.Ordinal))
        {
            await GoogleError.WriteAsync(context, 404, $"Method {modelAction} is not served here.", ct);
            return;
        }

        var model = modelAction[..^":predict".Length];
        if (VertexGate.CheckAuth(context.Request, settings) is { } authError)
        {
            await GoogleError.WriteAsync(context, 401, authError, ct);
            return;
        }

        if (!VertexModels.TryGetValue(model, out var maxDimensions))
        {
            await GoogleError.WriteAsync(context, 404, $"Publisher Model `projects/{project}/locations/{location}/publishers/google/models/{model}` was not found or your project does not have access to it.", ct);
            return;
        }

        var body = await ReadAsync(context);
        if (body?["instances"] is not JsonArray { Count: > 0 } instances || instances.Any(i => i?["content"]?.GetValueKind() != JsonValueKind.String))
        {
            await GoogleError.WriteAsync(context, 400, "instances must be a non-empty list of {\"content\": string}.", ct);
            return;
        }

        if (model == "gemini-embedding-001" && instances.Count > 1)
        {
            await GoogleError.WriteAsync(context, 400, "gemini-embedding-001 supports only one instance per request.", ct);
            return;
        }

        var dimensions = body["parameters"]?["outputDimensionality"]?.GetValue<int>() ?? maxDimensions;
        if (dimensions < 1 || dimensions > maxDimensions)
        {
            await GoogleError.WriteAsync(context, 400, $"outputDimensionality must be between 1 and {maxDimensions} for {model}.", ct);
            return;
        }

        if (await FaultedAsync(context))
        {
            return;
        }

        var predictions = new JsonArray();
        foreach (var instance in instances)
        {
            var text = instance!["content"]!.GetValue<string>();
            log.RecordEmbedding(model, text, instance["task_type"]?.GetValue<string>());
            predictions.Add(new JsonObject
            {
                ["embeddings"] = new JsonObject
                {
                    ["values"] = Values(MeaningVector.Embed(text, dimensions)),
                    ["statistics"] = new JsonObject { ["truncated"] = false, ["token_count"] = MeaningVector.Words(text).Count() },
                },
            });
        }

        await WriteAsync(context, new JsonObject { ["predictions"] = predictions, ["metadata"] = new JsonObject { ["billableCharacterCount"] = 0 } });
    }

    public async Task HandleOpenAIAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var body = await ReadAsync(context);
        var inputs = body?["input"] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
            JsonArray a when a.All(i => i?.GetValueKind() == JsonValueKind.String) => a.Select(i => i!.GetValue<string>()).ToList(),
            _ => null,
        };
        if (body?["model"]?.GetValueKind() != JsonValueKind.String || inputs is not { Count: > 0 })
        {
            await GoogleError.WriteAsync(context, 400, "An embeddings request needs a model and an input string or list of strings.", ct);
            return;
        }

        if (await FaultedAsync(context))
        {
            return;
        }

        var model = body["model"]!.GetValue<string>();
        var dimensions = body["dimensions"]?.GetValue<int>() ?? 768;
        var data = new JsonArray();
        var tokens = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            log.RecordEmbedding(model, inputs[i], null);
            tokens += MeaningVector.Words(inputs[i]).Count();
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = Values(MeaningVector.Embed(inputs[i], dimensions)) });
        }

        await WriteAsync(context, new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        });
    }

    /// <summary>A planned cut connection (<c>CutAfterChunks</c>) drops this non-streamed answer before any byte.</summary>
    private static Task<bool> FaultedAsync(HttpContext context)
    {
        if (FaultMiddleware.CurrentPlan(context) is { CutAfterChunks: not null })
        {
            context.Abort();
            return Task.FromResult(true);
        }

        return Task.FromResult(false);
    }

    private static JsonArray Values(float[] vector) => new([.. vector.Select(v => (JsonNode?)JsonValue.Create((double)v))]);

    private static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext context, JsonNode answer)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }
}
