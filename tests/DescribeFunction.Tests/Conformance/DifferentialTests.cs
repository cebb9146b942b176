using Xunit.Abstractions;

namespace DescribeFunction.Tests.Conformance;

/// <summary>
/// The differential conformance suite: every scenario of <see cref="ConformanceScenarios"/> against the Firestore
/// stand-in and Google's official emulator, which must agree (status, <c>error.status</c>, normalized body) on every
/// step. `.ci/run` counts the output marker lines to report how many ran against the emulator.
/// </summary>
[Collection(ConformanceServers.Name)]
public sealed class DifferentialTests(ConformanceFixture servers, ITestOutputHelper output)
{
    public const string RanMarker = "[differential] compared with the official Firestore emulator";
    public const string SkippedMarker = "[differential] official Firestore emulator unavailable";

    public static TheoryData<string> Names => [.. ConformanceScenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task StandIn_AnswersLikeTheOfficialEmulator(string name)
    {
        var scenario = ConformanceScenarios.All.Single(s => s.Name == name);
        var project = ScenarioRunner.ProjectFor(scenario);
        var standIn = await ScenarioRunner.RunAsync(servers.StandIn, scenario, project);
        if (servers.Emulator is null)
        {
            output.WriteLine($"{SkippedMarker}: {servers.EmulatorUnavailable} Only the stand-in ran.");
            Assert.All(standIn, answer => Assert.DoesNotMatch("^5", answer));
            return;
        }

        var emulator = await ScenarioRunner.RunAsync(servers.Emulator, scenario, project);
        output.WriteLine(RanMarker);
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            output.WriteLine($"step {i} {scenario.Steps[i].Method} {scenario.Steps[i].Path}");
            output.WriteLine($"  emulator: {emulator[i]}");
            output.WriteLine($"  stand-in: {standIn[i]}");
        }

        if (scenario.Departure is { } departure)
        {
            var (code, status) = scenario.Production;
            output.WriteLine($"Known departure of the emulator from production: {departure}");
            Assert.Equal(standIn.SkipLast(1), emulator.SkipLast(1));
            Assert.StartsWith($"{code} {status}".TrimEnd(), standIn[^1], StringComparison.Ordinal);
            Assert.NotEqual(emulator[^1], standIn[^1]);
            return;
        }

        Assert.Equal(emulator, standIn);
    }
}
