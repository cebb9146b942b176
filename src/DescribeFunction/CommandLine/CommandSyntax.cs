namespace DescribeFunction.CommandLine;

/// <summary>
/// What one command accepts: the options that take a value, the flags, and whether words (files, a query) may stand
/// between them. <see cref="Parse"/> reads a command line against it.
/// </summary>
/// <param name="Command">The command as its messages name it: <c>backfill</c>, <c>serve</c>.</param>
/// <param name="HelpCommand">What prints the command's options, for the sentence an unknown option gets.</param>
/// <param name="Values">Options that take a value, as <c>--name value</c> or <c>--name=value</c>.</param>
/// <param name="Flags">Options that take none (or <c>=true</c>/<c>=false</c>).</param>
/// <param name="TakesWords">Whether arguments that are not options are the command's (files, a query) rather than mistakes.</param>
public sealed record CommandSyntax(string Command, string HelpCommand, IReadOnlyCollection<string> Values, IReadOnlyCollection<string> Flags, bool TakesWords = false)
{
    /// <exception cref="UsageException">An unknown option, a missing value, a word where none belongs.</exception>
    public CommandArguments Parse(IReadOnlyList<string> args) => CommandArguments.Parse(args, this);
}
