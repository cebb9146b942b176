using System.Text;

namespace DescribeFunction.Tests.Infrastructure.Fuzzing;

/// <summary>
/// Well-formed storage events as raw JSON fields, for the fuzzer to break one piece at a time. The object is
/// <c>text/plain</c>, so an event that survives every mutation is acknowledged (204) without touching Firestore.
/// </summary>
public static class FuzzEvents
{
    public const string Finalized = "google.cloud.storage.object.v1.finalized";
    public const string Deleted = "google.cloud.storage.object.v1.deleted";
    public const string Source = "//storage.googleapis.com/projects/_/buckets/fuzz-bucket";

    public static readonly string[] EventTypes = [Finalized, Deleted, "google.cloud.storage.object.v1.metadataUpdated", "com.example.other"];

    public static readonly string[] LegacyTypes = ["google.storage.object.finalize", "google.storage.object.delete", "providers/cloud.storage/eventTypes/object.change"];

    /// <summary>Field name → raw JSON value, as Eventarc writes them (int64 as strings).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> DataFields { get; } = Fields(
        ("kind", "\"storage#object\""),
        ("id", "\"fuzz-bucket/notes.txt/1700000000000001\""),
        ("name", "\"notes.txt\""),
        ("bucket", "\"fuzz-bucket\""),
        ("generation", "\"1700000000000001\""),
        ("metageneration", "\"1\""),
        ("contentType", "\"text/plain\""),
        ("timeCreated", "\"2026-11-25T12:00:00.123Z\""),
        ("updated", "\"2026-11-25T12:00:00.123Z\""),
        ("storageClass", "\"STANDARD\""),
        ("size", "\"1234\""),
        ("md5Hash", "\"XrY7u+Ae7tCTyyK7j1rNww==\""),
        ("metadata", "{\"origin\":\"fuzz\"}"),
        ("componentCount", "1"),
        ("temporaryHold", "false"),
        ("customerEncryption", "{\"encryptionAlgorithm\":\"AES256\",\"keySha256\":\"k\"}"),
        ("customTime", "\"2026-11-25T12:00:00Z\""));

    public static IReadOnlyList<KeyValuePair<string, string>> StructuredFields(string data, string type = Finalized) => Fields(
        ("specversion", "\"1.0\""),
        ("id", "\"evt-1\""),
        ("source", $"\"{Source}\""),
        ("type", $"\"{type}\""),
        ("time", "\"2026-11-25T12:00:00.123Z\""),
        ("datacontenttype", "\"application/json\""),
        ("subject", "\"objects/notes.txt\""),
        ("data", data));

    public static IReadOnlyList<KeyValuePair<string, string>> LegacyContextFields(string type = "google.storage.object.finalize") => Fields(
        ("eventId", "\"evt-1\""),
        ("timestamp", "\"2026-11-25T12:00:00.123Z\""),
        ("eventType", $"\"{type}\""),
        ("resource", "{\"service\":\"storage.googleapis.com\",\"name\":\"projects/_/buckets/fuzz-bucket/objects/notes.txt\",\"type\":\"storage#object\"}"));

    public static string Data(string? field = null, string? value = null) => Json(DataFields, field, value);

    public static string Structured(string? data = null, string type = Finalized, string? field = null, string? value = null) =>
        Json(StructuredFields(data ?? Data(), type), field, value);

    /// <summary>The nested legacy form; <paramref name="field"/> may name a context field or <c>context</c>/<c>data</c>.</summary>
    public static string Legacy(string? data = null, string type = "google.storage.object.finalize", string? field = null, string? value = null) =>
        Json(Fields(("context", Json(LegacyContextFields(type), field, value)), ("data", data ?? Data())), field, value);

    /// <summary>The older flat legacy form: context fields at the top beside <c>data</c>.</summary>
    public static string LegacyFlat(string? data = null, string? field = null, string? value = null) =>
        Json([.. LegacyContextFields(), new("data", data ?? Data())], field, value);

    public static List<KeyValuePair<string, string>> BinaryHeaders(string type = Finalized) =>
    [
        new("ce-specversion", "1.0"),
        new("ce-id", "evt-1"),
        new("ce-source", Source),
        new("ce-type", type),
        new("ce-time", "2026-11-25T12:00:00.123Z"),
        new("ce-subject", "objects/notes.txt"),
    ];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Renders fields as a JSON object; the named field gets <paramref name="value"/>, or is left out when it is null.</summary>
    public static string Json(IEnumerable<KeyValuePair<string, string>> fields, string? field = null, string? value = null) =>
        "{" + string.Join(",", fields
            .Where(f => f.Key != field || value is not null)
            .Select(f => $"\"{f.Key}\":{(f.Key == field ? value : f.Value)}")) + "}";

    private static KeyValuePair<string, string>[] Fields(params (string Name, string Value)[] fields) =>
        [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];
}
