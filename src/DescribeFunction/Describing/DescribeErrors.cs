using System.ClientModel;
using DescribeFunction.Retries;

namespace DescribeFunction.Describing;

/// <summary>Turns transport and endpoint failures into <see cref="DescribeException"/>s.</summary>
internal static class DescribeErrors
{
    public static DescribeException FromClientResult(ClientResultException ex)
    {
        // Status 0: no response at all (DNS, refused or reset connection, TLS), after the library's retries.
        if (ex.Status == 0)
        {
            return new DescribeException(
                "endpoint-unreachable",
                $"The describer endpoint could not be reached or dropped the connection before answering: {Innermost(ex).Message}",
                isTransient: true,
                innerException: ex);
        }

        var response = ex.GetRawResponse();
        string? endpointMessage = null;
        TimeSpan? retryAfter = null;
        try
        {
            endpointMessage = EndpointError.ReadMessage(response?.Content);
            retryAfter = EndpointError.ReadRetryDelay(response?.Content) ?? RetryAfterHeader(response);
        }
        catch (InvalidOperationException)
        {
            // The body was not buffered; the status alone has to do.
        }

        var detail = endpointMessage ?? response?.ReasonPhrase ?? "no message";
        return new DescribeException(
            $"endpoint-{ex.Status}",
            $"The describer endpoint answered {ex.Status}: {detail}",
            isTransient: TransientStatus.IsTransient(ex.Status),
            httpStatus: ex.Status,
            endpointMessage: endpointMessage,
            innerException: ex,
            retryAfter: retryAfter);
    }

    /// <summary>A <c>Retry-After</c> header in whole seconds (what OpenAI-compatible endpoints other than Vertex send).</summary>
    private static TimeSpan? RetryAfterHeader(System.ClientModel.Primitives.PipelineResponse? response) =>
        response is not null && response.Headers.TryGetValue("Retry-After", out var value)
            && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    public static DescribeException StreamInterrupted(Exception ex, StreamAssembly assembly) => new(
        "stream-interrupted",
        $"The description stream broke off after {assembly.Chunks} chunks: {ex.Message}",
        isTransient: true,
        innerException: ex);

    public static DescribeException TimedOut(Exception ex, StreamAssembly assembly) => new(
        "endpoint-timeout",
        $"The describer endpoint stopped answering after {assembly.Chunks} chunks.",
        isTransient: true,
        innerException: ex);
}
