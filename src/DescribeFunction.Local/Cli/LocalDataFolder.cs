using DescribeFunction.CommandLine;

namespace DescribeFunction.Local.Cli;

/// <summary>
/// <c>.local-data/</c> in the current folder, where <c>serve</c> and <c>backfill</c> keep the bucket and the stand-in's
/// documents; checked writable before anything starts, so a read-only folder is one sentence, not a half-started serve.
/// </summary>
internal static class LocalDataFolder
{
    public const string Name = ".local-data";

    /// <param name="command">The command that needs the folder, for the sentence.</param>
    /// <exception cref="UsageException">The folder cannot be created or written.</exception>
    public static string Prepare(string command)
    {
        var root = Path.Combine(Directory.GetCurrentDirectory(), Name);
        try
        {
            Directory.CreateDirectory(root);
            var probe = Path.Combine(root, $".write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return root;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{command} keeps its bucket and documents in {root}, which cannot be written ({CommandErrors.Sentence(e.Message).TrimEnd('.')}); run it from a folder you can write to.", e);
        }
    }
}
