using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// <c>currentDocument</c>: the document must (not) exist, or must exist with this update time. Failures answer as
/// the service does: exists=false on an existing document is ALREADY_EXISTS (409), exists=true on a missing one is
/// NOT_FOUND (404), a stale update time is FAILED_PRECONDITION (400) with the emulator's "stored version" wording.
/// </summary>
internal sealed record Precondition(bool? Exists, long? UpdateMicros)
{
    public static Precondition? FromJson(JsonNode? node, string where)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject obj || obj.Any(p => p.Key is not ("exists" or "updateTime")))
        {
            throw ErrorResponseException.InvalidArgument($"{where} must be {{\"exists\": bool}} or {{\"updateTime\": timestamp}}.");
        }

        bool? exists = obj["exists"] switch
        {
            null => null,
            var e when e.GetValueKind() is JsonValueKind.True or JsonValueKind.False => e.GetValue<bool>(),
            _ => throw ErrorResponseException.InvalidArgument($"{where}.exists must be a boolean."),
        };
        var updateTime = obj["updateTime"] switch
        {
            null => null,
            var t when t.GetValueKind() == JsonValueKind.String => t.GetValue<string>(),
            _ => throw ErrorResponseException.InvalidArgument($"{where}.updateTime must be a timestamp string."),
        };
        return Create(exists, updateTime, where);
    }

    public static Precondition? FromQuery(string? exists, string? updateTime) =>
        Create(
            exists switch
            {
                null => null,
                "true" => true,
                "false" => false,
                _ => throw ErrorResponseException.InvalidArgument("currentDocument.exists must be true or false."),
            },
            updateTime,
            "currentDocument");

    private static Precondition? Create(bool? exists, string? updateTime, string where)
    {
        if (exists is not null && updateTime is not null)
        {
            throw ErrorResponseException.InvalidArgument($"{where} may set exists or updateTime, not both.");
        }

        if (updateTime is null)
        {
            return exists is null ? null : new Precondition(exists, null);
        }

        if (!StoredTimestamp.TryParse(updateTime, out var micros, out var extraNanos))
        {
            throw ErrorResponseException.InvalidArgument($"{where}.updateTime is not an RFC 3339 timestamp: \"{updateTime}\".");
        }

        return extraNanos == 0
            ? new Precondition(null, micros)
            : throw ErrorResponseException.InvalidArgument($"{where}.updateTime must be microsecond aligned: \"{updateTime}\".");
    }

    public void Check(StoredDocument? current, string name, string verb)
    {
        if (Exists == true && current is null)
        {
            throw ErrorResponseException.NotFound($"No document to {verb}: {name}");
        }

        if (Exists == false && current is not null)
        {
            throw ErrorResponseException.AlreadyExists($"Document already exists: {name}");
        }

        if (UpdateMicros is { } required && current?.UpdateMicros != required)
        {
            throw ErrorResponseException.FailedPrecondition(
                $"the stored version ({current?.UpdateMicros ?? 0}) does not match the required base version ({required}) of {name}");
        }
    }
}
