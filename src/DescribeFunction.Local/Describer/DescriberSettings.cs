using DescribeFunction.Local.Metadata;

namespace DescribeFunction.Local.Describer;

/// <summary>How the offline describer behaves; every switch may be flipped while it runs.</summary>
public sealed class DescriberSettings
{
    private long _chunkDelayTicks;
    private volatile int _answerChunks;
    private volatile bool _requireAuth = true;
    private volatile bool _recordRequests = true;
    private volatile TokenRegistry? _tokens;

    /// <summary>The Vertex AI models the describer pretends to serve on the Vertex-shaped path.</summary>
    public static IReadOnlySet<string> DefaultVertexModels { get; } =
        new HashSet<string>(["google/gemini-3.8-flash", "google/gemini-3.8-pro", "google/gemini-3.8-flash-lite"], StringComparer.Ordinal);

    /// <summary>Pause before each streamed content chunk, to make streams slow enough to watch or to cut.</summary>
    public TimeSpan ChunkDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _chunkDelayTicks));
        set => Interlocked.Exchange(ref _chunkDelayTicks, value.Ticks);
    }

    /// <summary>
    /// When above zero, every answer is exactly this many chunks: the description's words repeated or cut to fit,
    /// so load tests control stream length. Zero (the default) streams the description as composed.
    /// </summary>
    public int AnswerChunks
    {
        get => _answerChunks;
        set => _answerChunks = Math.Max(0, value);
    }

    /// <summary>Require <c>Authorization: Bearer …</c> as Vertex AI does (default on).</summary>
    public bool RequireAuth
    {
        get => _requireAuth;
        set => _requireAuth = value;
    }

    /// <summary>
    /// Keep every request (image URLs included) in the <see cref="DescriberLog"/> (default on). A benchmark sending
    /// many large inline images turns it off: each data URL would stay in memory as a string twice its size.
    /// </summary>
    public bool RecordRequests
    {
        get => _recordRequests;
        set => _recordRequests = value;
    }

    /// <summary>When set, bearer tokens must have been issued by the metadata stand-in and not yet expired.</summary>
    public TokenRegistry? Tokens
    {
        get => _tokens;
        set => _tokens = value;
    }

    /// <summary>Models accepted on the Vertex-shaped path; any other <c>google/…</c> model is NOT_FOUND.</summary>
    public IReadOnlySet<string> VertexModels { get; init; } = DefaultVertexModels;
}
