using System.Text;

namespace DescribeFunction.Local.Embedder;

/// <summary>
/// A deterministic stand-in for an embedding model whose vectors still carry meaning: hashed bag of words (each word
/// lowercased, common words dropped, plural and verb endings trimmed) plus, more lightly, each word's character
/// trigrams, so "boat", "boats" and "sailboat" land near each other. The result is L2-normalized, as Vertex AI's
/// embeddings are, so cosine distance ranks shared words first. Not a language model: synonyms do not meet.
/// </summary>
public static class MeaningVector
{
    private const float TrigramWeight = 0.35f;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "with", "for", "by", "from", "is", "are", "was",
        "be", "this", "that", "it", "its", "as", "into", "image", "photo", "picture", "shows", "show", "there", "some",
    };

    public static float[] Embed(string text, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[dimensions];
        foreach (var word in Words(text))
        {
            Add(vector, "w:" + word, 1f);
            var padded = "^" + word + "$";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                Add(vector, string.Concat("t:", padded.AsSpan(i, 3)), TrigramWeight);
            }
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0)
        {
            vector[0] = 1; // an empty text still gets a unit vector, as a real model would answer something
            return vector;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }

    /// <summary>The words counted, which is also the stand-in's token count.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0 && Stem(word.ToString()) is { } stem && !StopWords.Contains(stem))
            {
                yield return stem;
            }

            word.Clear();
        }
    }

    private static string Stem(string word) =>
        word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal) ? word[..^3]
        : word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal) && word[^3] is 's' or 'x' or 'h' ? word[..^2]
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;

    /// <summary>Feature hashing with a sign bit, on FNV-1a so every run and machine agrees.</summary>
    private static void Add(float[] vector, string feature, float weight)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(feature))
        {
            hash = (hash ^ b) * 16777619u;
        }

        vector[(int)(hash % (uint)vector.Length)] += (hash & 0x80000000u) == 0 ? weight : -weight;
    }
}
