using System.Net;
using DescribeFunction.Local.Faults;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

/// <summary>Failures that outlast one delivery's budget: the document says so, and the redelivery finishes the work.</summary>
public sealed class RedeliveryTests
{
    private static byte[] Image => DescribeEndToEndTests.Sample("blue-white-portrait.png");

    [Fact]
    public async Task FirstTokenLaterThanTheBudget_Answers500AndTheRedeliveryFinishes()
    {
        // A budget of a few seconds, not one, so the healthy redelivery fits it on a busy machine; the held first
        // token stays well past it.
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["DESCRIBE_DEADLINE"] = "4s" });
        stack.Environment.Describer.Faults.Add(new FaultPlan { DelayFirstByteMs = 12_000, PathContains = "chat/completions" });
        var stored = stack.Upload("slow.png", Image, "image/png");

        var first = await stack.DeliverAsync(stored, eventId: "e1");

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        var pending = (await stack.GetDocumentAsync("slow.png"))!.Fields;
        Assert.Equal(DescriptionStatus.Processing, pending.GetString("status"));
        Assert.Equal("deadline-exceeded", pending.GetMap("error")!.GetString("code"));
        Assert.True(pending.GetMap("error")!.GetBoolean("transient"));

        var second = await stack.DeliverAsync(stored, eventId: "e1");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var done = (await stack.GetDocumentAsync("slow.png"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, done.GetString("status"));
        Assert.Equal(2, done.GetInt64("attempts"));
        Assert.False(done.ContainsKey("error"));
    }

    [Fact]
    public async Task PoisonVersion_IsRecordedFailedAfterMaxAttempts()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["DESCRIBE_DEADLINE"] = "1s", ["MAX_ATTEMPTS"] = "2" });
        stack.Environment.Describer.Faults.Add(new FaultPlan { Status = 503, Count = 1000, PathContains = "chat/completions" });
        var stored = stack.Upload("poison.png", Image, "image/png");

        var first = await stack.DeliverAsync(stored, eventId: "p");
        var second = await stack.DeliverAsync(stored, eventId: "p");
        var callsAfterTwo = stack.Environment.Describer.Faults.RequestCount;
        var third = await stack.DeliverAsync(stored, eventId: "p");

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, third.StatusCode);
        Assert.Equal(callsAfterTwo, stack.Environment.Describer.Faults.RequestCount);
        var f = (await stack.GetDocumentAsync("poison.png"))!.Fields;
        Assert.Equal(DescriptionStatus.Failed, f.GetString("status"));
        Assert.Equal("too-many-attempts", f.GetMap("error")!.GetString("code"));
        // On a busy machine the 1 s budget can run out while a call is still in flight, so the last failure is
        // either the endpoint's 503 or the deadline; both name why the version was given up.
        Assert.Matches("^Gave up after 2 deliveries \\(MAX_ATTEMPTS\\); the last failure was (endpoint-503|deadline-exceeded): ", f.GetMap("error")!.GetString("message"));
        Assert.Equal(2, f.GetInt64("attempts"));
    }
}
