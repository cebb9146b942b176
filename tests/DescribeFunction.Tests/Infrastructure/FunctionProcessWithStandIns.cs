using System.Globalization;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// The function as Cloud Run runs it, in its own process on a free loopback port, pointed at stand-ins running in
/// the test process, so tests can send it real signals.
/// </summary>
public sealed class FunctionProcessWithStandIns : IDisposable
{
    private FunctionProcessWithStandIns(FunctionProcess process)
    {
        Process = process;
        Client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public FunctionProcess Process { get; }

    public HttpClient Client { get; }

    public static FunctionProcessWithStandIns Start(LocalEnvironment standIns, IReadOnlyDictionary<string, string> extraSettings)
    {
        ArgumentNullException.ThrowIfNull(standIns);
        var settings = standIns.FunctionSettings.ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["PORT"] = FreePort.Find().ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        return new FunctionProcessWithStandIns(TestProcesses.StartFunction(settings));
    }

    public Task WaitUntilListeningAsync() => Process.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        Client.Dispose();
        Process.Dispose();
    }
}
