namespace DescribeFunction.Embedding;

/// <summary>
/// What is embedded for a description: in text mode the description; in structured mode the description, the alt
/// text and the labels, one per line, so a search for a label or a phrase of the alt text finds the image too.
/// </summary>
public static class EmbeddingText
{
    public static string Compose(string description, string? altText, IEnumerable<string>? labels)
    {
        ArgumentNullException.ThrowIfNull(description);
        var parts = new List<string> { description.Trim() };
        if (!string.IsNullOrWhiteSpace(altText))
        {
            parts.Add(altText.Trim());
        }

        var labelList = labels?.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList();
        if (labelList is { Count: > 0 })
        {
            parts.Add("Labels: " + string.Join(", ", labelList));
        }

        return string.Join('\n', parts);
    }
}
