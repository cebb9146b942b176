using System.Text.Json;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Faults;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Routes Firestore REST v1 requests to the method that serves them (<see cref="FirestoreMethods"/>). Like the official emulator it accepts
/// <c>Authorization: Bearer owner</c> as the admin credential: no credential is UNAUTHENTICATED, any other is
/// PERMISSION_DENIED. Every refusal is a Google-shaped error.
/// </summary>
internal sealed class FirestoreHandler(DocumentStore store)
{
    private const string OwnerToken = "owner";

    public async Task HandleAsync(HttpContext context, bool emulatorPrefix)
    {
        var cancellationToken = context.RequestAborted;

        // REQUEST_TIME is the time the request arrived, at millisecond precision, as the official emulator gives it.
        var requestMicros = StoredTimestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) / 1000 * 1000;
        try
        {
            var route = FirestoreRoute.Parse(context, emulatorPrefix)
                ?? throw ErrorResponseException.NotFound($"No Firestore resource at {context.Request.Path}.");
            var response = emulatorPrefix ? Emulator(context, route) : await DispatchAsync(context, route, requestMicros, cancellationToken);
            await JsonIo.WriteAsync(context, response, cancellationToken);
        }
        catch (ErrorResponseException error)
        {
            await GoogleError.WriteAsync(context, error.HttpStatus, error.Status, error.Message, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A stand-in bug still answers in Google's shape, so the client under test sees an INTERNAL error, not a bare 500.
            await GoogleError.WriteAsync(context, 500, "INTERNAL", $"Stand-in failure: {error.GetType().Name}: {error.Message}", cancellationToken);
        }
    }

    private JsonObject Emulator(HttpContext context, FirestoreRoute route)
    {
        if (!HttpMethods.IsDelete(context.Request.Method) || route.Verb is not null || route.Segments.Count > 0)
        {
            throw ErrorResponseException.NotFound("The emulator endpoint supports DELETE .../documents only.");
        }

        store.Reset(route.Project, route.DatabaseId);
        return new JsonObject();
    }

    private async Task<JsonNode> DispatchAsync(HttpContext context, FirestoreRoute route, long requestMicros, CancellationToken cancellationToken)
    {
        Authorize(context);
        var method = context.Request.Method;
        var target = route.Segments.Count == 0 ? FirestoreTarget.Root
            : route.Segments.Count % 2 == 0 ? FirestoreTarget.Document
            : FirestoreTarget.Collection;
        var handler = FirestoreMethods.All.FirstOrDefault(m => m.Serves(method, route.Verb, target));
        if (handler is null)
        {
            throw route.Verb is { } verb && !FirestoreMethods.ImplementedVerbs.Contains(verb)
                ? ErrorResponseException.Unimplemented($"documents:{verb} is not implemented by this stand-in.")
                : ErrorResponseException.NotFound($"{method} {(route.Verb is null ? "" : ":" + route.Verb)} is not a Firestore method on {(target == FirestoreTarget.Root ? "the database root" : "a " + target.ToString().ToLowerInvariant())}.");
        }

        var body = HttpMethods.IsGet(method) || HttpMethods.IsDelete(method) ? null : await JsonIo.ReadAsync(context, cancellationToken);
        var request = new FirestoreRequest(route, context.Request.Query, body, store, requestMicros);
        return await handler.InvokeAsync(request, cancellationToken);
    }

    private static void Authorize(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            throw new ErrorResponseException(401, "UNAUTHENTICATED", "Request is missing required authentication credential (use Authorization: Bearer owner).");
        }

        var parts = header.Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[1] != OwnerToken)
        {
            throw new ErrorResponseException(403, "PERMISSION_DENIED", "Missing or insufficient permissions (this stand-in accepts only Authorization: Bearer owner).");
        }
    }
}
