using DescribeFunction.Local.Cli;
using DescribeFunction.Local.Gallery;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Local.Gallery;

/// <summary>
/// What <c>serve</c> runs, on ephemeral ports: the stand-ins, the real function with progressive writes, uploads to
/// the local bucket delivered as finalize events, and the gallery over them.
/// </summary>
public sealed class GalleryWithFunction : IAsyncDisposable
{
    private GalleryWithFunction(FunctionWithStandIns stack, StandInServer gallery)
    {
        Stack = stack;
        Gallery = gallery;
    }

    public FunctionWithStandIns Stack { get; }

    public StandInServer Gallery { get; }

    public LocalEnvironment Environment => Stack.Environment;

    /// <param name="firestore">The Firestore the function uses and the gallery reads: the stand-in unless a test names the official emulator.</param>
    public static async Task<GalleryWithFunction> StartAsync(IDictionary<string, string?>? settings = null, LocalFirestore? firestore = null)
    {
        var all = new Dictionary<string, string?> { ["PROGRESSIVE_WRITES"] = "true", ["PROGRESSIVE_INTERVAL"] = "200ms" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var stack = await FunctionWithStandIns.StartAsync(all, firestore: firestore);
        LocalFunction.ForwardUploads(stack.Environment, stack.Function.BaseAddress, TextWriter.Null);
        var gallery = await LocalGallery.StartAsync(stack.Environment, stack.Function.Options, port: 0);
        return new GalleryWithFunction(stack, gallery);
    }

    public async ValueTask DisposeAsync()
    {
        await Gallery.DisposeAsync();
        await Stack.DisposeAsync();
    }
}
