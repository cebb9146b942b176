using System.Text.Json;
using DescribeFunction.Backfill;

namespace DescribeFunction.Tests.Backfill;

public class ReembedSummaryTests
{
    [Fact]
    public void Table_ListsEveryCount_AndWhyTheRunStopped()
    {
        var summary = new ReembedSummary(ReembedMode.Stale, dryRun: true) { StoppedBy = StopReasons.Cancelled };
        summary.Add(ReembedCount.Selected, 3);
        summary.Add(ReembedCount.Tokens, 42);

        var lines = summary.ToTable().Split(Environment.NewLine);

        Assert.Equal("reembed stale (dry run)", lines[0]);
        Assert.Equal(
            ["listed", "done", "up to date", "to re-embed", "re-embedded", "error recorded", "failed", "not done", "changed meanwhile", "not started", "tokens"],
            lines[1..^1].Select(l => l[..18].TrimEnd()));
        Assert.Equal(("3", "42"), (lines[4][18..].Trim(), lines[11][18..].Trim()));
        Assert.Equal("stopped by: cancelled", lines[^1]);
    }

    [Fact]
    public void Json_NamesEachCountInCamelCase()
    {
        var summary = new ReembedSummary(ReembedMode.Missing, dryRun: false);
        summary.Add(ReembedCount.ChangedMeanwhile);

        using var json = JsonDocument.Parse(summary.ToJson());

        Assert.Equal(
            ["reembed", "dryRun", "listed", "done", "upToDate", "selected", "reembedded", "errorRecorded", "failed", "notDone", "changedMeanwhile", "notStarted", "tokens", "exitCode", "stoppedBy"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("missing", 1L, JsonValueKind.Null), (json.RootElement.GetProperty("reembed").GetString(), json.RootElement.GetProperty("changedMeanwhile").GetInt64(), json.RootElement.GetProperty("stoppedBy").ValueKind));
    }

    [Theory]
    [InlineData(null, 0L, 0)]
    [InlineData(StopReasons.MaxObjects, 0L, 0)]
    [InlineData(StopReasons.Cancelled, 0L, 1)]
    [InlineData(null, 1L, 1)]
    public void ExitCode_IsOneWhileSomethingIsLeftForTheNextRun(string? stoppedBy, long failed, int expected)
    {
        var summary = new ReembedSummary(ReembedMode.All, dryRun: false) { StoppedBy = stoppedBy };
        summary.Add(ReembedCount.Failed, failed);
        summary.Add(ReembedCount.ErrorRecorded, 2);

        Assert.Equal(expected, summary.ExitCode);
    }
}
