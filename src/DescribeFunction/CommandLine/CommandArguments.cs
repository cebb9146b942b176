using System.Globalization;

namespace DescribeFunction.CommandLine;

/// <summary>
/// One command line read against a <see cref="CommandSyntax"/>: every command of both executables parses this way, so
/// <c>--name value</c> and <c>--name=value</c> mean the same everywhere, <c>--help</c> wins over everything else, and
/// a mistake is one sentence naming the option (<see cref="UsageException"/>, exit code 2). The typed readers check
/// values when a command asks for them, so the sentence can say what the option needs.
/// </summary>
public sealed class CommandArguments
{
    private readonly CommandSyntax _syntax;
    private readonly Dictionary<string, List<string>> _values;

    private CommandArguments(CommandSyntax syntax, Dictionary<string, List<string>> values, IReadOnlyList<string> words, bool help)
    {
        _syntax = syntax;
        _values = values;
        Words = words;
        Help = help;
    }

    /// <summary><c>--help</c> or <c>-h</c> was given: print the options and start nothing, whatever else is there.</summary>
    public bool Help { get; }

    /// <summary>The arguments that are not options, in order (all of them after <c>--</c>).</summary>
    public IReadOnlyList<string> Words { get; }

    /// <exception cref="UsageException">An unknown option, a missing value, a word where none belongs.</exception>
    public static CommandArguments Parse(IReadOnlyList<string> args, CommandSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(syntax);
        var end = IndexOf(args, "--");
        // Help first: `serve --help` must not complain about, or act on, anything else on the line.
        if (args.Take(end).Any(a => a is "--help" or "-h"))
        {
            return new CommandArguments(syntax, [], [], help: true);
        }

        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (i == end)
            {
                words.AddRange(args.Skip(i + 1));
                break;
            }

            if (!IsOption(arg))
            {
                words.Add(syntax.TakesWords ? arg : throw new UsageException($"'{arg}' is not a {syntax.Command} option; see {syntax.HelpCommand}."));
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var (name, inline) = equals > 2 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
            string value;
            if (syntax.Values.Contains(name))
            {
                value = inline ?? (i + 1 < args.Count && !IsOption(args[i + 1]) && i + 1 != end
                    ? args[++i]
                    : throw new UsageException($"The option {name} needs a value."));
            }
            else if (syntax.Flags.Contains(name))
            {
                value = inline is null ? "true"
                    : bool.TryParse(inline, out var on) ? on ? "true" : "false"
                    : throw new UsageException($"The option {name} takes no value (or true/false), not '{inline}'.");
            }
            else
            {
                throw new UsageException($"'{arg}' is not a {syntax.Command} option; see {syntax.HelpCommand}.");
            }

            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(value);
        }

        return new CommandArguments(syntax, values, words, help: false);
    }

    /// <summary>Whether the option was given at all (a flag given as <c>=false</c> counts).</summary>
    public bool Has(string name) => _values.ContainsKey(Known(name));

    /// <summary>The option's value; the last one when it was given more than once.</summary>
    public string? Value(string name) => _values.TryGetValue(Known(name), out var list) ? list[^1] : null;

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(Known(name), out var list) ? list : [];

    /// <summary>Whether a flag is on (<c>--json</c>, <c>--json=true</c>).</summary>
    public bool Flag(string name) => Value(name) == "true";

    /// <exception cref="UsageException">Not a whole number in the range.</exception>
    public long? WholeNumber(string name, long min, long max) =>
        Value(name) is not { } text ? null
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
            : throw new UsageException($"The option {name} must be a whole number from {min} to {max}, not '{text}'.");

    /// <summary>A TCP port; 0 (any free port) only where <paramref name="allowAny"/> says so.</summary>
    /// <exception cref="UsageException">Not a port number.</exception>
    public int? Port(string name, bool allowAny = false) =>
        Value(name) is not { } text ? null
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= (allowAny ? 0 : 1) && n <= 65535 ? n
            : throw new UsageException($"The option {name} must be a port number from {(allowAny ? 0 : 1)} to 65535, not '{text}'.");

    /// <param name="what">What the number is, for the sentence: "a positive number of descriptions a minute (at most 1000000)".</param>
    /// <exception cref="UsageException">Not a number for which <paramref name="valid"/> holds.</exception>
    public double? Number(string name, Func<double, bool> valid, string what)
    {
        ArgumentNullException.ThrowIfNull(valid);
        return Value(name) is not { } text ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && valid(d) ? d
            : throw new UsageException($"The option {name} must be {what}, not '{text}'.");
    }

    /// <summary>One of a few words, case-insensitive.</summary>
    /// <exception cref="UsageException">Not one of <paramref name="choices"/>.</exception>
    public T? Choice<T>(string name, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (Value(name) is not { } text)
        {
            return null;
        }

        var match = choices.Where(c => string.Equals(c.Key, text, StringComparison.OrdinalIgnoreCase)).Select(c => (T?)c.Value).FirstOrDefault();
        return match ?? throw new UsageException($"The option {name} must be {OneOf(choices.Keys)}, not '{text}'.");
    }

    /// <summary>"a, b or c".</summary>
    public static string OneOf(IEnumerable<string> choices)
    {
        var all = choices.ToList();
        return all.Count <= 1 ? string.Concat(all) : $"{string.Join(", ", all[..^1])} or {all[^1]}";
    }

    /// <summary><c>--name</c> or <c>--name=value</c>; a lone <c>-</c> or a negative number is a value.</summary>
    private static bool IsOption(string arg) =>
        (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
        || (arg.Length > 1 && arg[0] == '-' && !char.IsAsciiDigit(arg[1]) && arg[1] != '.' && arg[1] != '-');

    private static int IndexOf(IReadOnlyList<string> args, string value)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == value)
            {
                return i;
            }
        }

        return args.Count;
    }

    // A typo in a command's own code, not the user's: asking for an option the syntax does not declare.
    private string Known(string name) =>
        _syntax.Values.Contains(name) || _syntax.Flags.Contains(name) ? name
            : throw new ArgumentException($"The {_syntax.Command} command declares no option {name}.", nameof(name));
}
