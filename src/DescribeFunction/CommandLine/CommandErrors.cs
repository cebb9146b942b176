using DescribeFunction.Configuration;

namespace DescribeFunction.CommandLine;

/// <summary>
/// The top-level handler of each entry point (the executable's <c>Program.cs</c> and the local runner's): whatever a
/// command throws reaches its user as one sentence on stderr and an exit code, never as a stack trace. Commands
/// explain what they can (a taken port, a missing image) before this; here is the net under them.
/// </summary>
public static class CommandErrors
{
    /// <summary>The exit code of a bad command line or setting; a run that started and failed exits 1.</summary>
    public const int Usage = 2;

    /// <summary>The exit code of a run that failed.</summary>
    public const int Failed = 1;

    /// <param name="command">Runs the command; returns its exit code.</param>
    /// <param name="errors">Where the sentence goes (stderr).</param>
    /// <param name="explain">The entry point's own exceptions (ports, emulators); null for the shared ones.</param>
    /// <param name="badSettings">The exit code of invalid settings: 2 for a command, 1 for the event host (as its deploy expects).</param>
    public static async Task<int> RunAsync(Func<Task<int>> command, TextWriter errors, Func<Exception, (string Sentence, int ExitCode)?>? explain = null, int badSettings = Usage)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return await command();
        }
        catch (Exception e)
        {
            var (sentence, exitCode) = explain?.Invoke(e) ?? Explain(e, badSettings);
            await errors.WriteLineAsync(sentence);
            return exitCode;
        }
    }

    /// <summary>The sentence and the exit code for an exception no command explained.</summary>
    public static (string Sentence, int ExitCode) Explain(Exception exception, int badSettings = Usage)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            UsageException => (exception.Message, Usage),
            InvalidSettingsException => (exception.Message, badSettings),
            FileNotFoundException or DirectoryNotFoundException => (exception.Message, Usage),
            UnauthorizedAccessException or IOException => (Sentence(exception.Message), Failed),
            HttpRequestException => ($"A request failed: {Sentence(exception.Message)}", Failed),
            OperationCanceledException => ("Stopped before it finished.", Failed),
            AggregateException { InnerExceptions.Count: 1 } aggregate => Explain(aggregate.InnerExceptions[0], badSettings),
            // Unforeseen: still one line, with the type to search the code for.
            _ => ($"Stopped by an unexpected {exception.GetType().Name}: {Sentence(exception.Message)}", Failed),
        };
    }

    /// <summary>The first line of a message, ending with a full stop.</summary>
    public static string Sentence(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = message.Split('\n', 2)[0].Trim();
        return line.EndsWith('.') || line.Length == 0 ? line : line + ".";
    }
}
