using System.Diagnostics;
using System.Text;
using DescribeFunction.Tests.Docs;

namespace DescribeFunction.Tests.Deploy;

/// <summary>
/// Runs the repository's <c>deploy.sh</c> with a settings file of the test's own (never the operator's
/// <c>function.yaml</c>), and splits what <c>--dry-run</c> prints into commands.
/// </summary>
public static class DeployScript
{
    /// <summary>Settings that switch every optional step on: a topic, embeddings (the vector indexes), a named database.</summary>
    public static readonly IReadOnlyDictionary<string, string> FullSettings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["FUNCTION_NAME"] = "describe-test",
        ["FUNCTION_REGION"] = "europe-west1",
        ["TRIGGER_BUCKET"] = "test-uploads-bucket",
        ["GOOGLE_CLOUD_PROJECT"] = "test-project-123",
        ["FIRESTORE_DATABASE"] = "images",
        ["FIRESTORE_LOCATION"] = "eur3",
        ["FIRESTORE_COLLECTION"] = "testDescriptions",
        ["NOTIFY_TOPIC"] = "described-images",
        ["IMAGE_DELIVERY"] = "gcs-uri",
        ["EMBEDDING_MODEL"] = "gemini-embedding-001",
        ["EMBEDDING_DIMENSIONS"] = "256",
    };

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>The printed lines that are commands (comments and blank lines left out).</summary>
        public IReadOnlyList<string> Commands =>
            [.. Output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

        /// <summary>The printed <c>gcloud …</c> lines, each split into words as bash would.</summary>
        public IReadOnlyList<IReadOnlyList<string>> Gcloud =>
            [.. Commands.Where(c => c.StartsWith("gcloud ", StringComparison.Ordinal)).Select(ShellWords)];
    }

    /// <summary>Writes the settings to a file of the test's own and runs <c>bash deploy.sh --config FILE</c> with the arguments.</summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var folder = Directory.CreateTempSubdirectory("deploy-test-");
        try
        {
            return await RunAsync(await WriteSettingsAsync(folder.FullName, settings), arguments);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Runs <c>bash deploy.sh --config FILE</c> with the arguments.</summary>
    public static Task<Result> RunAsync(string settingsFile, params string[] arguments) =>
        RunBashAsync(["deploy.sh", "--config", settingsFile, .. arguments]);

    /// <summary>A settings file in function.yaml's shape, in the folder.</summary>
    public static async Task<string> WriteSettingsAsync(string folder, IReadOnlyDictionary<string, string> settings)
    {
        var file = Path.Combine(folder, $"settings-{Guid.NewGuid():N}.yaml");
        await File.WriteAllLinesAsync(file, settings.Select(s => $"{s.Key}: \"{s.Value}\""));
        return file;
    }

    public static async Task<Result> RunBashAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? deadline = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("FUNCTION_CONFIG");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new Result(-1, await output, await error + $"\n(no answer within {(deadline ?? TimeSpan.FromSeconds(60)).TotalSeconds:0} s)");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>The words of one command line as bash splits them: blanks, single quotes, backslash escapes, <c>#</c> comments.</summary>
    public static IReadOnlyList<string> ShellWords(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                word.Append(line, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (c is ' ' or '\t')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>The value of <c>--name=value</c> in a command's words, or null.</summary>
    public static string? Option(IReadOnlyList<string> words, string name) =>
        words.FirstOrDefault(w => w.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];

    /// <summary>Every value of a repeated <c>--name=value</c>.</summary>
    public static IEnumerable<string> Options(IReadOnlyList<string> words, string name) =>
        words.Where(w => w.StartsWith(name + "=", StringComparison.Ordinal)).Select(w => w[(name.Length + 1)..]);
}
