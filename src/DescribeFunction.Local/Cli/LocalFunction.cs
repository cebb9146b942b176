using DescribeFunction.Hosting;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Local.Cli;

/// <summary>The real function host, started in this process and pointed at the stand-ins.</summary>
internal static class LocalFunction
{
    public static async Task<WebApplication> StartAsync(LocalEnvironment environment, int port, IReadOnlyDictionary<string, string?> extraSettings, CancellationToken cancellationToken)
    {
        var settings = environment.FunctionSettings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        settings["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["TRIGGER_BUCKET"] = LocalEnvironment.Bucket;
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        var app = await FunctionHost.CreateAsync([], new DescribeImageStartup(), builder => builder.Configuration.AddInMemoryCollection(settings), cancellationToken);
        try
        {
            await PortInUseException.TranslateAsync("function", port, () => app.StartAsync(cancellationToken));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Acts as Eventarc: every object stored in the local bucket is delivered to the function as a finalize event.</summary>
    public static void ForwardUploads(LocalEnvironment environment, Uri functionUrl, TextWriter output)
    {
        var client = new HttpClient { BaseAddress = functionUrl, Timeout = TimeSpan.FromMinutes(10) };
        environment.BucketStore.ObjectFinalized += async (_, stored) =>
        {
            try
            {
                using var response = await client.SendAsync(FinalizedEvent.Create(stored));
                await output.WriteLineAsync($"Delivered the finalize event for gs://{stored.Bucket}/{stored.Name}: HTTP {(int)response.StatusCode}");
            }
            catch (HttpRequestException e)
            {
                await output.WriteLineAsync($"Delivering the finalize event for gs://{stored.Bucket}/{stored.Name} failed: {e.Message}");
            }
        };
    }
}
