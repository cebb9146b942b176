using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.Search;

/// <summary>One image found: its object name, its distance to the query, and what a reader needs to recognise it.</summary>
public sealed record SearchResult(string Name, double Distance, string? Status, string? GsUri, string? Summary)
{
    /// <summary>The field each result carries its distance in (<c>distanceResultField</c>).</summary>
    public const string DistanceField = "vectorDistance";

    /// <summary>The fields <see cref="From"/> reads: the projection a search asks for.</summary>
    public static readonly IReadOnlyList<string> Fields =
        [DescriptionFields.Name, DescriptionFields.Status, DescriptionFields.GsUri, DescriptionFields.AltText, DescriptionFields.Description, DistanceField];

    public static SearchResult From(FirestoreDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var fields = document.Fields;
        var summary = fields.GetString(DescriptionFields.AltText)
            ?? fields.GetString(DescriptionFields.Description)?.Split('\n', 2)[0].Trim();
        return new SearchResult(
            fields.GetString(DescriptionFields.Name) ?? document.Id,
            fields.GetDouble(DistanceField) ?? double.NaN,
            fields.GetString(DescriptionFields.Status),
            fields.GetString(DescriptionFields.GsUri),
            summary);
    }

    /// <summary><c>{"results":[{"name","distance","status","gsUri","summary"}]}</c>, written without reflection (Native AOT).</summary>
    public static string ToJson(IReadOnlyList<SearchResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteNumber("distance", Math.Round(r.Distance, 6));
                w.WriteString("status", r.Status);
                w.WriteString("gsUri", r.GsUri);
                w.WriteString("summary", r.Summary);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string ToTable(IReadOnlyList<SearchResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return "No described image matches.";
        }

        var text = new StringBuilder();
        text.AppendLine("distance  name  —  summary");
        foreach (var r in results)
        {
            var summary = r.Summary is { Length: > 100 } s ? s[..100] + "…" : r.Summary;
            text.Append(r.Distance.ToString("0.0000", CultureInfo.InvariantCulture)).Append("    ").Append(r.Name)
                .Append("  —  ").AppendLine(summary ?? "(no text)");
        }

        return text.ToString().TrimEnd();
    }
}
