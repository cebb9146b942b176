using DescribeFunction.CommandLine;

namespace DescribeFunction.Local.Hosting;

/// <summary>
/// Which Firestore the local environment points the function at: the in-process stand-in (the default, starts in
/// milliseconds, no Java), Google's official emulator started through <c>gcloud</c>, or an emulator already running
/// at a <c>host:port</c>.
/// </summary>
public sealed record LocalFirestore(string Kind, string? HostAndPort = null)
{
    public static LocalFirestore StandIn { get; } = new("standin");

    public static LocalFirestore OfficialEmulator { get; } = new("emulator");

    public bool IsStandIn => Kind == "standin";

    /// <summary>
    /// Whether the stand-in keeps its documents in the data folder across restarts (as <c>serve</c> and
    /// <c>backfill</c> do), rather than in memory only.
    /// </summary>
    public bool KeepsDocuments { get; init; }

    /// <summary>This choice, with the stand-in keeping its documents (no change for an emulator, which keeps its own).</summary>
    public LocalFirestore KeepingDocuments() => IsStandIn ? this with { KeepsDocuments = true } : this;

    public static LocalFirestore Existing(string hostAndPort) => new("emulator", hostAndPort);

    /// <summary>The value of <c>--firestore standin|emulator</c>; the stand-in when absent.</summary>
    /// <exception cref="UsageException">Another value.</exception>
    public static LocalFirestore FromOption(string? value) => value switch
    {
        null or "standin" => StandIn,
        "emulator" => OfficialEmulator,
        _ => throw new UsageException($"The option --firestore must be standin or emulator, not '{value}'."),
    };
}
