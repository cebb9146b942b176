using System.Text.Json;

namespace DescribeFunction.Benchmarks.Faults;

/// <summary>
/// Which object a request to a stand-in is about: the <c>gs://</c> image URL in a chat completion, or the document
/// id in a Firestore path or commit body (ids equal names for the plain names the benchmarks use).
/// </summary>
/// <param name="collection">The collection the function writes to.</param>
internal sealed class ObjectNames(string collection)
{
    private readonly string _inCollection = $"/documents/{collection}/";

    public string? Find(string rawTarget, ReadOnlySpan<byte> body)
    {
        var path = rawTarget.Split('?')[0];
        var inPath = path.IndexOf(_inCollection, StringComparison.Ordinal);
        if (inPath >= 0)
        {
            return Uri.UnescapeDataString(path[(inPath + _inCollection.Length)..]);
        }

        return body.IsEmpty ? null : FromBody(body);
    }

    private string? FromBody(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    continue;
                }

                var value = reader.GetString()!;
                if (value.StartsWith("gs://", StringComparison.Ordinal))
                {
                    var slash = value.IndexOf('/', "gs://".Length);
                    return slash < 0 ? null : value[(slash + 1)..];
                }

                var at = value.IndexOf(_inCollection, StringComparison.Ordinal);
                if (at >= 0)
                {
                    return Uri.UnescapeDataString(value[(at + _inCollection.Length)..]);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: not a request these benchmarks can attribute.
        }

        return null;
    }
}
