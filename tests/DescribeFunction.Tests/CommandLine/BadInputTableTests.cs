using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DescribeFunction.Backfill;
using DescribeFunction.CommandLine;
using DescribeFunction.Doctor;
using DescribeFunction.Local.Cli;
using DescribeFunction.Search;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.CommandLine;

/// <summary>
/// The bad-input table of every command of both executables: each row is a command line (and, for the rows a child
/// process needs, settings), the documented exit code — 2 for a bad option, setting or port, 1 for a run that
/// failed — and what the one sentence on stderr must name. No row may show a stack trace. Commands that take their
/// writers run in this process; the executables' own entry points and settings from the environment run as children,
/// each with a deadline.
/// </summary>
public sealed class BadInputTableTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>Command lines that fail before anything starts: entry (local, backfill, search, doctor), arguments, exit code, named.</summary>
    public static TheoryData<string, string[], int, string> InProcessRows() => new()
    {
        { "local", ["nonsense"], 2, "'nonsense'" },
        { "local", ["describe", "--bogus"], 2, "'--bogus' is not a describe option" },
        { "local", ["describe", "--gallery-port", "70000"], 2, "--gallery-port must be a port number from 1 to 65535, not '70000'" },
        { "local", ["describe", "--gallery-port=abc"], 2, "--gallery-port must be a port number" },
        { "local", ["describe", "--firestore", "cloud"], 2, "--firestore must be standin or emulator, not 'cloud'" },
        { "local", ["describe", "--firestore"], 2, "--firestore needs a value" },
        { "local", ["describe", "--open=maybe"], 2, "--open takes no value" },
        { "local", ["describe", "/no/such/image.png"], 2, "/no/such/image.png does not exist" },
        { "local", ["describe", "/"], 2, "/ is a folder" },
        { "local", ["describe", "--firestore", "emulator", "/no/such.png"], 2, "The image file /no/such.png does not exist" },
        { "local", ["serve", "--bogus"], 2, "'--bogus' is not a serve option" },
        { "local", ["serve", "--function-port", "abc"], 2, "--function-port must be a port number from 1 to 65535, not 'abc'" },
        { "local", ["serve", "--gallery-port", "70000"], 2, "--gallery-port must be a port number from 1 to 65535, not '70000'" },
        { "local", ["serve", "--gallery-port"], 2, "--gallery-port needs a value" },
        { "local", ["serve", "--chunk-delay=-5"], 2, "--chunk-delay must be a whole number from 0 to 60000, not '-5'" },
        { "local", ["serve", "--forward-to", "somewhere"], 2, "--forward-to must be an http:// or https:// URL" },
        { "local", ["serve", "stray"], 2, "'stray' is not a serve option" },
        { "local", ["backfill", "--bogus"], 2, "'--bogus' is not a backfill option; see backfill --help" },
        { "local", ["backfill", "--concurrency", "0"], 2, "--concurrency must be a whole number from 1 to 1024, not '0'" },
        { "backfill", ["--bogus"], 2, "'--bogus' is not a backfill option" },
        { "backfill", ["--max-objects", "abc"], 2, "--max-objects must be a whole number" },
        { "backfill", ["--bucket"], 2, "--bucket needs a value" },
        { "backfill", ["--redescribe=sometimes"], 2, "--redescribe must be missing, deferred, failed, stale or all, not 'sometimes'" },
        { "backfill", ["--max-per-minute", "fast"], 2, "--max-per-minute must be a positive number" },
        { "backfill", ["--reembed", "stale", "--renotify"], 2, "--reembed cannot be combined with --renotify" },
        { "backfill", ["--json=perhaps"], 2, "--json takes no value" },
        { "backfill", ["photos"], 2, "'photos' is not a backfill option" },
        { "search", [], 2, "Say what to search for" },
        { "search", ["boats", "--bogus"], 2, "'--bogus' is not a search option" },
        { "search", ["boats", "--limit", "0"], 2, "--limit must be a whole number from 1 to 1000, not '0'" },
        { "search", ["boats", "--limit=abc"], 2, "--limit must be a whole number from 1 to 1000, not 'abc'" },
        { "search", ["boats", "--max-distance", "3"], 2, "--max-distance must be a cosine distance from 0 to 2, not '3'" },
        { "search", ["boats", "--label"], 2, "--label needs a value" },
        { "search", ["boats", "--like", "x.png"], 2, "either a QUERY or --like" },
        { "doctor", ["--bogus"], 2, "'--bogus' is not a doctor option; see DescribeFunction doctor --help" },
        { "doctor", ["now"], 2, "'now' is not a doctor option" },
        { "doctor", ["--no-model-call=maybe"], 2, "--no-model-call takes no value" },
    };

    [Theory]
    [MemberData(nameof(InProcessRows))]
    public async Task InProcess_BadInput_IsOneSentenceAndTheDocumentedExitCode(string entry, string[] args, int exitCode, string named)
    {
        var (code, output, errors) = await RunInProcessAsync(entry, args);

        AssertOneSentence(errors, named);
        Assert.Equal(exitCode, code);
        Assert.Empty(output.Trim());
    }

    public static TheoryData<string, string[]> HelpRows() => new()
    {
        { "local", ["--help"] },
        { "local", ["describe", "--help"] },
        { "local", ["describe", "--bogus", "-h"] },
        { "local", ["serve", "--help"] },
        { "local", ["serve", "--gallery-port", "70000", "--help"] },
        { "local", ["backfill", "--help"] },
        { "backfill", ["--help"] },
        { "search", ["--help"] },
        { "doctor", ["--help"] },
        { "doctor", ["--bogus", "--help"] },
    };

    [Theory]
    [MemberData(nameof(HelpRows))]
    public async Task Help_PrintsTheOptionsAndStartsNothing(string entry, string[] args)
    {
        var (code, output, errors) = await RunInProcessAsync(entry, args);

        Assert.Equal(0, code);
        Assert.Empty(errors);
        Assert.Contains("Usage", output, StringComparison.Ordinal);
        Assert.Contains("--", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pubsub-port", "pubsub")]
    [InlineData("--gallery-port", "gallery")]
    public async Task Serve_ATakenPort_NamesItsOwnOption(string option, string server)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var (code, _, errors) = await RunInProcessAsync("local", ["serve", .. FreeServePorts(), "--pubsub", option, port]);

        AssertOneSentence(errors, $"Port {port} ({server}) is already in use");
        Assert.Contains($"choose other ports with {option} N ", errors, StringComparison.Ordinal);
        Assert.Equal(2, code);
    }

    /// <summary>Rows that need the executables themselves or settings from the environment: program, arguments, settings, exit code, named.</summary>
    public static TheoryData<string, string[], string[], int, string> ChildProcessRows() => new()
    {
        { "function", ["doctr"], [], 2, "'doctr' is not a DescribeFunction command" },
        { "function", ["--bogus"], [], 2, "'--bogus' is not a setting: the host takes settings as --NAME=value" },
        { "function", [], ["DESCRIBE_DEADLINE=forever"], 1, "DESCRIBE_DEADLINE must be a duration from 1s to 530s" },
        { "function", [], ["OPENAI_BASE_URL=https://api.example.com/v1"], 1, "will not be sent the function's Google access token; set OPENAI_API_KEY" },
        { "function", [], ["FUNCTION_CONFIG=/nonexistent.yaml"], 1, "/nonexistent.yaml does not exist" },
        { "function", [], ["FUNCTION_CONFIG=" + BadYaml], 1, "is not valid YAML at line" },
        { "function", ["search", "boats"], ["FUNCTION_CONFIG=" + BadYaml], 2, "is not valid YAML at line" },
        { "function", ["search", "boats"], ["EMBEDDING_MODEL=text-embedding-005", "GOOGLE_CLOUD_PROJECT=local-project", "GCE_METADATA_HOST=127.0.0.1:1"], 1, "127.0.0.1:1" },
        { "function", ["backfill", "--bucket", "b"], ["DESCRIBE_DEADLINE=forever"], 2, "DESCRIBE_DEADLINE" },
        { "local", ["describe"], ["DESCRIBE_DEADLINE=forever"], 2, "DESCRIBE_DEADLINE must be a duration from 1s to 530s" },
        { "local", ["describe"], ["FUNCTION_CONFIG=/nonexistent.yaml"], 2, "/nonexistent.yaml does not exist" },
        { "local", ["serve", "--no-gallery"], ["DESCRIBE_DEADLINE=forever"], 2, "DESCRIBE_DEADLINE" },
        { "local", ["serve", "--no-gallery", "--no-function"], ["READ_ONLY_FOLDER"], 2, "cannot be written" },
    };

    private const string BadYaml = "BAD_YAML";

    [Theory]
    [MemberData(nameof(ChildProcessRows))]
    public async Task ChildProcess_BadInput_IsOneSentenceAndTheDocumentedExitCode(string program, string[] args, string[] settings, int exitCode, string named)
    {
        using var folder = new TemporaryFolder();
        var environment = new Dictionary<string, string> { ["FUNCTION_CONFIG"] = TestSettings.FilePath, ["PORT"] = "0" };
        foreach (var setting in settings)
        {
            switch (setting)
            {
                case "READ_ONLY_FOLDER":
                    // A file where serve's data folder would go: it cannot be created, as in a folder serve cannot write.
                    await File.WriteAllTextAsync(Path.Combine(folder.Path, ".local-data"), "");
                    break;
                case var _ when setting.EndsWith(BadYaml, StringComparison.Ordinal):
                    var path = Path.Combine(folder.Path, "function.yaml");
                    await File.WriteAllTextAsync(path, "DESCRIBE_MODEL: [unclosed\n");
                    environment["FUNCTION_CONFIG"] = path;
                    break;
                default:
                    environment[setting[..setting.IndexOf('=', StringComparison.Ordinal)]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];
                    break;
            }
        }

        string[] arguments = program == "local" && args is ["serve", ..] ? [.. args, .. FreeServePorts()] : args;
        await using var process = program == "function"
            ? FunctionProcess.Start(FunctionProcess.BuiltFunction, arguments, environment, folder.Path)
            : FunctionProcess.Start(Path.Combine(AppContext.BaseDirectory, "DescribeFunction.Local.dll"), arguments, environment, folder.Path);

        var code = await process.WaitForExitAsync(Deadline);

        AssertOneSentence(string.Join('\n', process.StandardError), named);
        Assert.Equal(exitCode, code);
    }

    [Fact]
    public async Task TheExecutablesHelp_ListsItsCommands_AndStartsNoHost()
    {
        await using var process = FunctionProcess.Start(FunctionProcess.BuiltFunction, ["--help"], new Dictionary<string, string> { ["FUNCTION_CONFIG"] = TestSettings.FilePath, ["PORT"] = "0" });

        Assert.Equal(0, await process.WaitForExitAsync(Deadline));
        var help = string.Join('\n', process.StandardOutput);
        Assert.Contains("DescribeFunction backfill", help, StringComparison.Ordinal);
        Assert.Contains("DescribeFunction search", help, StringComparison.Ordinal);
        Assert.Contains("DescribeFunction doctor", help, StringComparison.Ordinal);
        Assert.Empty(process.StandardError);
    }

    private static async Task<(int Code, string Output, string Errors)> RunInProcessAsync(string entry, string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var deadline = new CancellationTokenSource(Deadline);
        var code = await (entry switch
        {
            "local" => LocalCli.RunAsync(args, output, errors),
            "backfill" => BackfillCommand.RunAsync(args, new DescribeImageStartup(), new BackfillHooks { Stop = deadline.Token, Abort = deadline.Token }, output, errors),
            "search" => SearchCommand.RunAsync(args, settings: null, output, errors, deadline.Token),
            "doctor" => CommandErrors.RunAsync(() => DoctorCommand.RunAsync(args, settings: null, output, deadline.Token), errors),
            _ => throw new ArgumentException($"No entry {entry}.", nameof(entry)),
        }).WaitAsync(Deadline);
        return (code, output.ToString(), errors.ToString());
    }

    /// <summary>Ports of serve's own that no other test holds, so a row fails on what it tests and nothing else.</summary>
    private static string[] FreeServePorts() =>
    [
        "--firestore-port", Free(), "--describer-port", Free(), "--storage-port", Free(), "--metadata-port", Free(), "--function-port", Free(), "--gallery-port", Free(),
    ];

    private static string Free() => FreePort.Find().ToString(CultureInfo.InvariantCulture);

    private static void AssertOneSentence(string errors, string named)
    {
        var lines = errors.Trim().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"Expected one sentence on stderr, got {lines.Length} lines:\n{errors}");
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.EndsWith(".", lines[0].TrimEnd(), StringComparison.Ordinal);
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("bad-input-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
