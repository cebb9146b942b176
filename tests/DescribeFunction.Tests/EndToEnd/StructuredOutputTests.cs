using System.Net;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Faults;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

/// <summary>DESCRIBE_OUTPUT=structured end to end: the real host, the offline describer's JSON, the Firestore stand-in.</summary>
public sealed class StructuredOutputTests
{
    private const string Chat = "chat/completions";

    private static Dictionary<string, string?> Structured(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["DESCRIBE_OUTPUT"] = "structured", ["DESCRIBE_DEADLINE"] = "20s" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task StructuredRun_StoresEveryFieldBesideTheDescription()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(Structured());

        var response = await stack.UploadAndDeliverAsync("photos/sunset.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = (await stack.GetDocumentAsync("photos/sunset.jpg"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        Assert.Equal("structured", f.GetString("output"));
        Assert.StartsWith("A landscape JPEG image, 640 by 400 pixels.", f.GetString("description"), StringComparison.Ordinal);
        Assert.EndsWith(DescriptionComposer.Signature, f.GetString("description"), StringComparison.Ordinal);
        Assert.StartsWith("A landscape photo in ", f.GetString("altText"), StringComparison.Ordinal);
        var labels = f.GetArray("labels")!.Cast<string>().ToList();
        Assert.Equal(["photo", "landscape"], labels.Take(2));
        Assert.Contains("fictional optics fo-35 horizon", labels);
        Assert.Equal("", f.GetString("visibleText"));
        Assert.False(f.GetBoolean("containsPeople"));
        Assert.False(f.ContainsKey("data"));
        Assert.False(f.ContainsKey("rawOutput"));
        Assert.Equal(1, stack.Environment.Describer.Faults.RequestCount);
    }

    [Fact]
    public async Task TextRun_StoresNoStructuredFields()
    {
        await using var stack = await FunctionWithStandIns.StartAsync();

        await stack.UploadAndDeliverAsync("plain.png", DescribeEndToEndTests.Sample("blue-white-portrait.png"));

        var f = (await stack.GetDocumentAsync("plain.png"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        Assert.All(new[] { "output", "altText", "labels", "visibleText", "containsPeople", "data", "rawOutput" }, name => Assert.False(f.ContainsKey(name), name));
        Assert.Null(DescriberStandIn.GetLog(stack.Environment.Describer).Requests.Single().ResponseFormat);
    }

    [Fact]
    public async Task CustomSchema_StoresItsPropertiesUnderData()
    {
        var schemaFile = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.schema.json");
        await File.WriteAllTextAsync(schemaFile, SchemaSamples.Receipt);
        try
        {
            await using var stack = await FunctionWithStandIns.StartAsync(Structured(("DESCRIBE_SCHEMA", schemaFile)));

            await stack.UploadAndDeliverAsync("receipt.png", DescribeEndToEndTests.Sample("blue-white-portrait.png"));

            var f = (await stack.GetDocumentAsync("receipt.png"))!.Fields;
            Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
            Assert.Equal("structured", f.GetString("output"));
            var data = f.GetMap("data")!;
            Assert.Equal(["merchant", "total", "items", "currency", "notes"], data.Keys);
            Assert.Equal("EUR", data.GetString("currency"));
            Assert.IsType<double>(data["total"]);
            var item = Assert.IsType<DocumentFields>(Assert.Single(data.GetArray("items")!));
            Assert.IsType<long>(item["quantity"]);
            Assert.False(f.ContainsKey("altText"));
            Assert.StartsWith("{\"merchant\":", f.GetString("description"), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(schemaFile);
        }
    }

    [Fact]
    public async Task InvalidOutputOnce_IsRetriedInProcessAndStoredDone()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(Structured());
        stack.Environment.Describer.Faults.Add(new FaultPlan { InvalidStructuredOutput = true, PathContains = Chat });

        var response = await stack.UploadAndDeliverAsync("second-try.png", DescribeEndToEndTests.Sample("blue-white-portrait.png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = (await stack.GetDocumentAsync("second-try.png"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        Assert.Equal(1L, f.GetInt64("attempts"));
        Assert.NotNull(f.GetString("altText"));
        Assert.Equal(2, stack.Environment.Describer.Faults.RequestCount);
    }

    [Fact]
    public async Task InvalidOutputTwice_IsRecordedFailedWithTheRawOutput()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(Structured());
        stack.Environment.Describer.Faults.Add(new FaultPlan { InvalidStructuredOutput = true, Count = 5, PathContains = Chat });

        var response = await stack.UploadAndDeliverAsync("stubborn.png", DescribeEndToEndTests.Sample("blue-white-portrait.png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = (await stack.GetDocumentAsync("stubborn.png"))!.Fields;
        Assert.Equal(DescriptionStatus.Failed, f.GetString("status"));
        Assert.Equal("invalid-structured-output", f.GetMap("error")!.GetString("code"));
        Assert.Contains("not JSON", f.GetMap("error")!.GetString("message"), StringComparison.Ordinal);
        Assert.StartsWith("A portrait PNG image, 300 by 480 pixels.", f.GetString("rawOutput"), StringComparison.Ordinal);
        Assert.Equal(2, stack.Environment.Describer.Faults.RequestCount);
    }

    [Fact]
    public async Task OutputCutByTheTokenCap_IsRetriedOnceThenRecordedFailed()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(Structured(("DESCRIBE_MAX_OUTPUT_TOKENS", "16")));

        await stack.UploadAndDeliverAsync("capped.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");

        var f = (await stack.GetDocumentAsync("capped.jpg"))!.Fields;
        Assert.Equal(DescriptionStatus.Failed, f.GetString("status"));
        Assert.Contains("DESCRIBE_MAX_OUTPUT_TOKENS", f.GetMap("error")!.GetString("message"), StringComparison.Ordinal);
        Assert.StartsWith("{\"description\":\"A landscape JPEG", f.GetString("rawOutput"), StringComparison.Ordinal);
        Assert.Equal(2, stack.Environment.Describer.Faults.RequestCount);
    }

    [Fact]
    public async Task ProgressiveWrites_ShowTheProseGrowingNotTheJson()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(
            Structured(("PROGRESSIVE_WRITES", "true"), ("PROGRESSIVE_INTERVAL", "100ms")),
            env => env.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(40));
        // As in the text-mode test: hold the stream after its fifth chunk until a streaming snapshot has been seen.
        using var hold = StreamHold.AfterChunk(stack.Environment.Describer, 5);
        var seen = new List<string>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var document = await stack.GetDocumentAsync("growing.jpg");
                if (document?.Fields.GetString("status") == DescriptionStatus.Streaming)
                {
                    seen.Add(document.Fields.GetString("description")!);
                    hold.Release();
                }

                await Task.Delay(15);
            }
        });

        await stack.UploadAndDeliverAsync("growing.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");
        await stop.CancelAsync();
        await reader;

        var final = (await stack.GetDocumentAsync("growing.jpg"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, final.GetString("status"));
        Assert.True(seen.Count > 0, "no streaming snapshot was seen while the stream was held after its fifth chunk");
        Assert.All(seen, partial =>
        {
            // A snapshot may hold as little as the first word; what is guaranteed is prose, never the JSON around it.
            Assert.DoesNotContain('{', partial);
            Assert.DoesNotContain('"', partial);
            Assert.StartsWith(partial, final.GetString("description"), StringComparison.Ordinal);
        });
    }
}
