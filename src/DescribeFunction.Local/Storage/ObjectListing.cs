using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DescribeFunction.Local.Faults;

namespace DescribeFunction.Local.Storage;

/// <summary>
/// <c>GET /storage/v1/b/{bucket}/o</c>: <c>prefix</c>, <c>matchGlob</c>, <c>startOffset</c>/<c>endOffset</c>,
/// <c>maxResults</c> (at most 1,000), <c>pageToken</c> and a <c>fields</c> projection, in UTF-8 name order. As Cloud
/// Storage does, a page with <c>matchGlob</c> examines at most <c>maxResults</c> names, so it may hold fewer items (or
/// none) and still carry a <c>nextPageToken</c>; a projection without <c>nextPageToken</c> drops it.
/// </summary>
internal static class ObjectListing
{
    private const int MaxResults = 1000;

    public static async Task ListAsync(HttpContext context, LocalBucketStore store, string bucket)
    {
        var ct = context.RequestAborted;
        var query = context.Request.Query;
        var prefix = query["prefix"].ToString();
        var startOffset = query["startOffset"].ToString();
        var endOffset = query["endOffset"].ToString();
        var maxResults = MaxResults;
        if (query["maxResults"].ToString() is { Length: > 0 } max && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out maxResults) || maxResults < 1))
        {
            await GoogleError.WriteAsync(context, 400, $"Invalid value for maxResults: {max}", ct);
            return;
        }

        maxResults = Math.Min(maxResults, MaxResults);
        Regex? glob = null;
        if (query["matchGlob"].ToString() is { Length: > 0 } pattern && (glob = MatchGlob.TryParse(pattern, out var globError)) is null)
        {
            await GoogleError.WriteAsync(context, 400, globError!, ct);
            return;
        }

        string? after = null;
        if (query["pageToken"].ToString() is { Length: > 0 } token && (after = DecodeToken(token)) is null)
        {
            await GoogleError.WriteAsync(context, 400, "Invalid page token.", ct);
            return;
        }

        var sorted = store.List(bucket);
        var start = after is not null ? BucketIndex.IndexAfter(sorted, after, inclusive: false)
            : BucketIndex.IndexAfter(sorted, startOffset.Length > 0 && Utf8Order.Compare(startOffset, prefix) > 0 ? startOffset : prefix, inclusive: true);
        var items = new List<LocalObject>();
        string? next = null;
        var examined = 0;
        for (var i = start; i < sorted.Length; i++)
        {
            var meta = sorted[i];
            if (!meta.Name.StartsWith(prefix, StringComparison.Ordinal) || (endOffset.Length > 0 && Utf8Order.Compare(meta.Name, endOffset) >= 0))
            {
                break;
            }

            if (items.Count == maxResults || (glob is not null && examined == maxResults))
            {
                next = EncodeToken(sorted[i - 1].Name);
                break;
            }

            examined++;
            if (glob is null || glob.IsMatch(meta.Name))
            {
                items.Add(meta);
            }
        }

        var fields = FieldsProjection.Parse(query["fields"].ToString());
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.Body.WriteAsync(Page(items, next, fields, new Uri($"{context.Request.Scheme}://{context.Request.Host}/")), ct);
    }

    private static byte[] Page(List<LocalObject> items, string? next, FieldsProjection fields, Uri baseAddress)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (fields.Includes("kind"))
            {
                writer.WriteString("kind", "storage#objects");
            }

            if (next is not null && fields.Includes("nextPageToken"))
            {
                writer.WriteString("nextPageToken", next);
            }

            if (items.Count > 0 && fields.Includes("items"))
            {
                writer.WritePropertyName("items");
                writer.WriteStartArray();
                foreach (var meta in items)
                {
                    using var resource = JsonDocument.Parse(ObjectResource.ToJson(meta, crc32c: null, baseAddress));
                    writer.WriteStartObject();
                    foreach (var property in resource.RootElement.EnumerateObject().Where(p => fields.IncludesItemField(p.Name)))
                    {
                        property.WriteTo(writer);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // Opaque to clients, as Cloud Storage's are: the last name of the page.
    private static string EncodeToken(string lastName) => Convert.ToBase64String(Encoding.UTF8.GetBytes("after:" + lastName));

    private static string? DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("after:", StringComparison.Ordinal) ? text[6..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>A <c>fields</c> parameter such as <c>nextPageToken,items(name,size)</c>; empty means everything.</summary>
internal sealed class FieldsProjection
{
    private readonly HashSet<string>? _top;
    private readonly HashSet<string>? _items;

    private FieldsProjection(HashSet<string>? top, HashSet<string>? items)
    {
        _top = top;
        _items = items;
    }

    public static FieldsProjection Parse(string fields)
    {
        if (fields.Length == 0)
        {
            return new FieldsProjection(null, null);
        }

        var top = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? items = null;
        var depth = 0;
        var part = new StringBuilder();
        foreach (var c in fields + ",")
        {
            if (c == ',' && depth == 0)
            {
                var text = part.ToString().Trim();
                var open = text.IndexOf('(', StringComparison.Ordinal);
                var name = open < 0 ? text : text[..open];
                top.Add(name);
                if (name == "items" && open >= 0)
                {
                    items = [.. text[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
                }

                part.Clear();
                continue;
            }

            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            part.Append(c);
        }

        return new FieldsProjection(top, items);
    }

    public bool Includes(string name) => _top is null || _top.Contains(name);

    public bool IncludesItemField(string name) => _items is null || _items.Contains(name);
}
