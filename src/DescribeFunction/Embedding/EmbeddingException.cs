namespace DescribeFunction.Embedding;

/// <summary>An embedding call that did not produce a vector; <see cref="IsTransient"/> says whether another try may.</summary>
public sealed class EmbeddingException : Exception
{
    public EmbeddingException()
    {
        Code = "embedding-failed";
    }

    public EmbeddingException(string message)
        : base(message)
    {
        Code = "embedding-failed";
    }

    public EmbeddingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "embedding-failed";
    }

    public EmbeddingException(string code, string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        IsTransient = isTransient;
    }

    /// <summary><c>http-503</c>, <c>connection</c>, <c>bad-dimensions</c>, …: recorded in <c>embeddingError.code</c>.</summary>
    public string Code { get; }

    public bool IsTransient { get; }

    /// <summary>A failure for an HTTP answer, transient as <see cref="Retries.TransientStatus"/> says.</summary>
    public static EmbeddingException ForStatus(int status, string endpoint, string? detail) =>
        new($"http-{status}", $"The embedding endpoint {endpoint} answered HTTP {status}{(string.IsNullOrWhiteSpace(detail) ? "" : ": " + Trim(detail))}.",
            Retries.TransientStatus.IsTransient(status));

    public static EmbeddingException WrongLength(int expected, int actual) =>
        new("bad-dimensions", $"The embedding endpoint answered a vector of {actual} values, but EMBEDDING_DIMENSIONS is {expected}.", isTransient: false);

    private static string Trim(string detail)
    {
        var line = detail.ReplaceLineEndings(" ").Trim().TrimEnd('.');
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
