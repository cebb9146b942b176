using DescribeFunction.CommandLine;
using DescribeFunction.Configuration;
using DescribeFunction.Embedding;
using DescribeFunction.Storage;
using DescribeFunction.Store;

namespace DescribeFunction.Backfill;

/// <summary><c>backfill --reembed</c> inside the backfill command: the same services, a <see cref="ReembedRun"/> instead of the runner.</summary>
internal static class ReembedCommand
{
    public static void Register(IServiceCollection services, BackfillPlan plan, TimeProvider clock) =>
        services.AddSingleton(sp =>
        {
            var embedder = sp.GetRequiredService<DocumentEmbedder>();
            if (!embedder.Enabled)
            {
                throw new UsageException("The option --reembed needs EMBEDDING_MODEL set: the model to embed the stored descriptions with.");
            }

            return new ReembedRun(
                sp.GetRequiredService<StorageObjectLister>(),
                sp.GetRequiredService<IEmbeddingStore>(),
                embedder,
                new ReembedSelection(plan.Options.Reembed ?? ReembedMode.Missing, sp.GetRequiredService<EmbeddingSettings>()),
                plan,
                clock,
                sp.GetRequiredService<ILogger<ReembedRun>>());
        });

    public static async Task<int> RunAsync(IServiceProvider services, BackfillOptions options, BackfillHooks hooks, TextWriter output)
    {
        var summary = await services.GetRequiredService<ReembedRun>().RunAsync(hooks.Stop, hooks.Abort);
        await output.WriteLineAsync(options.Json ? summary.ToJson() : summary.ToTable());
        return summary.ExitCode;
    }
}
