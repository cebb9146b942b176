using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DescribeFunction.Tests.Describing;

/// <summary>A scripted OpenAI-compatible chat-completions endpoint on loopback that records every request.</summary>
internal sealed class FakeChatEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scripts = new();

    private FakeChatEndpoint(WebApplication app) => _app = app;

    public List<RecordedRequest> Requests { get; } = [];

    public Uri Root { get; private set; } = null!;

    /// <summary>A Vertex-shaped base URL on this server.</summary>
    public Uri BaseUrl => new(Root, "v1/projects/test-project/locations/global/endpoints/openapi");

    public static async Task<FakeChatEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeChatEndpoint(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.Root = new Uri(app.Urls.Single() + "/");
        return fake;
    }

    /// <summary>Queues the response to the next request; the last one queued is not reused.</summary>
    public FakeChatEndpoint Then(Func<HttpContext, Task> script)
    {
        _scripts.Enqueue(script);
        return this;
    }

    public FakeChatEndpoint ThenStream(params string[] chunks) => Then(ctx => WriteEventsAsync(ctx, chunks, done: true));

    public FakeChatEndpoint ThenError(int status, string body) => Then(async ctx =>
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body, ctx.RequestAborted);
    });

    /// <summary>
    /// Sends the chunks, waits for <paramref name="clientHasRead"/>, then drops the connection without finishing the
    /// response. (Aborting at once could discard data the client has not read yet, headers included.)
    /// </summary>
    public FakeChatEndpoint ThenCut(Task clientHasRead, params string[] chunks) => Then(async ctx =>
    {
        await WriteEventsAsync(ctx, chunks, done: false);
        await clientHasRead.WaitAsync(ctx.RequestAborted);
        ctx.Abort();
    });

    public static async Task WriteEventsAsync(HttpContext ctx, IEnumerable<string> chunks, bool done)
    {
        ctx.Response.ContentType = "text/event-stream";
        foreach (var chunk in chunks)
        {
            await ctx.Response.WriteAsync($"data: {chunk}\n\n", ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
        }

        if (done)
        {
            await ctx.Response.WriteAsync("data: [DONE]\n\n", ctx.RequestAborted);
        }
    }

    /// <summary>A chat.completion.chunk with one choice.</summary>
    public static string Chunk(string? content = null, string? finish = null, string model = "google/gemini-test", bool role = false)
    {
        var delta = new JsonObject();
        if (role)
        {
            delta["role"] = "assistant";
        }

        if (content is not null)
        {
            delta["content"] = content;
        }

        var choice = new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish };
        return new JsonObject
        {
            ["id"] = "chatcmpl-1",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(choice),
        }.ToJsonString();
    }

    /// <summary>The final usage-only chunk that <c>stream_options.include_usage</c> asks for.</summary>
    public static string UsageChunk(int prompt, int completion, int? reasoning = null, bool withEmptyChoices = true)
    {
        var usage = new JsonObject
        {
            ["prompt_tokens"] = prompt,
            ["completion_tokens"] = completion,
            ["total_tokens"] = prompt + completion,
        };
        if (reasoning is not null)
        {
            usage["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = reasoning };
        }

        var chunk = new JsonObject
        {
            ["id"] = "chatcmpl-1",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = "google/gemini-test",
            ["usage"] = usage,
        };
        if (withEmptyChoices)
        {
            chunk["choices"] = new JsonArray();
        }

        return chunk.ToJsonString();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(ctx.RequestAborted);
        lock (Requests)
        {
            Requests.Add(new RecordedRequest(
                ctx.Request.Method,
                ctx.Request.Path.Value ?? "",
                ctx.Request.Headers.Authorization.ToString(),
                body));
        }

        if (!_scripts.TryDequeue(out var script))
        {
            ctx.Response.StatusCode = 500;
            await ctx.Response.WriteAsync("{\"error\":{\"message\":\"no scripted response left\"}}", ctx.RequestAborted);
            return;
        }

        await script(ctx);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record RecordedRequest(string Method, string Path, string Authorization, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}
