using System.Text;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Document size per Firestore's "Storage size calculations": strings are UTF-8 bytes + 1, numbers and timestamps 8,
/// booleans and null 1, geo points 16, bytes their length, references their document name size; a field adds its
/// name (bytes + 1); a document adds its name size (each id's bytes + 1, plus 16) and 32 bytes.
/// </summary>
internal static class StorageSize
{
    public const int MaxDocumentBytes = 1_048_576;

    public static long OfDocument(DocumentPath path, JsonObject fields) => OfName(path.Segments) + OfFields(fields) + 32;

    private static long OfName(IEnumerable<string> segments) => segments.Sum(s => (long)OfString(s)) + 16;

    private static int OfString(string text) => Encoding.UTF8.GetByteCount(text) + 1;

    private static long OfFields(JsonObject fields) =>
        fields.Sum(f => OfString(f.Key) + OfValue((JsonObject)f.Value!));

    private static long OfValue(JsonObject value)
    {
        var (kind, inner) = value.First();
        return kind switch
        {
            "stringValue" => OfString(inner!.GetValue<string>()),
            "integerValue" or "doubleValue" or "timestampValue" => 8,
            "booleanValue" or "nullValue" => 1,
            "geoPointValue" => 16,
            "bytesValue" => Convert.FromBase64String(inner!.GetValue<string>()).Length,
            "referenceValue" => OfName(inner!.GetValue<string>().Split('/').Skip(5)),
            "arrayValue" => (inner!["values"] as JsonArray)?.Sum(v => OfValue((JsonObject)v!)) ?? 0,
            "mapValue" => inner!["fields"] is JsonObject fields ? OfFields(fields) : 0,
            _ => 0,
        };
    }
}
