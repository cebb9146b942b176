using DescribeFunction.Events;

namespace DescribeFunction.Hosting;

/// <summary>
/// The one endpoint: every path but <c>/robots.txt</c> and <c>/favicon.ico</c> takes a CloudEvent. Bad requests get
/// 400 with a one-line reason; handler failures get 500 so Eventarc can redeliver.
/// </summary>
internal sealed partial class EventEndpoint(ILogger<EventEndpoint> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.Equals("/robots.txt", StringComparison.OrdinalIgnoreCase) || path.Equals("/favicon.ico", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var cancellationToken = context.RequestAborted;
        StorageEvent storageEvent;
        try
        {
            var cloudEvent = await CloudEventRequestReader.ReadAsync(context.Request, cancellationToken);
            if (!cloudEvent.Type!.StartsWith("google.cloud.storage.object.v1.", StringComparison.Ordinal))
            {
                LogNotStorage(logger, cloudEvent.Type, cloudEvent.Id!);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            storageEvent = StorageEventDecoder.Decode(cloudEvent);
        }
        catch (InvalidEventException e)
        {
            LogRejected(logger, e.Message);
            await WriteTextAsync(context, StatusCodes.Status400BadRequest, e.Message, cancellationToken);
            return;
        }

        using var scope = logger.BeginScope(new EventLogScope(storageEvent));
        if (storageEvent.Type is not (StorageEvent.Finalized or StorageEvent.Deleted))
        {
            LogOtherStorageEvent(logger, storageEvent.Type, storageEvent.Bucket, storageEvent.Data.Name);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        try
        {
            var processor = context.RequestServices.GetRequiredService<IStorageEventProcessor>();
            var outcome = await processor.HandleAsync(storageEvent, cancellationToken);
            context.Response.StatusCode = outcome switch
            {
                EventOutcome.Recorded => StatusCodes.Status200OK,
                EventOutcome.RetryLater => StatusCodes.Status429TooManyRequests,
                _ => StatusCodes.Status204NoContent,
            };
        }
        catch (TransientEventException e)
        {
            LogTransient(logger, e.Message);
            await WriteTextAsync(context, StatusCodes.Status500InternalServerError, e.Message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHandlerFailed(logger, e, storageEvent.Bucket, storageEvent.Data.Name, storageEvent.Data.Generation);
            await WriteTextAsync(context, StatusCodes.Status500InternalServerError, "The event could not be processed now; it may be redelivered.", cancellationToken);
        }
    }

    private static async Task WriteTextAsync(HttpContext context, int status, string message, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n", cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored event {EventId} of type {EventType}: not a Cloud Storage object event")]
    private static partial void LogNotStorage(ILogger logger, string eventType, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acknowledged {EventType} for gs://{Bucket}/{ObjectName} without describing it")]
    private static partial void LogOtherStorageEvent(ILogger logger, string eventType, string? bucket, string? objectName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason}; answering 500 so it can be redelivered")]
    private static partial void LogTransient(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed to process gs://{Bucket}/{ObjectName} generation {Generation}; answering 500 so it can be redelivered")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string? bucket, string? objectName, long? generation);
}
