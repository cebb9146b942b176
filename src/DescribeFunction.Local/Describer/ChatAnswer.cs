namespace DescribeFunction.Local.Describer;

/// <summary>
/// The answer split into chunks, one word each (its trailing space included, so the chunks concatenate to the
/// text exactly), cut at the output cap the way a model stops with <c>length</c>.
/// </summary>
internal sealed record ChatAnswer(IReadOnlyList<string> Chunks, string FinishReason, Usage Usage)
{
    // Gemini bills a small image at 258 input tokens; the text is counted a word a token.
    private const int TokensPerImage = 258;

    public string Text => string.Concat(Chunks);

    public static ChatAnswer From(string description, ChatRequest request, int answerChunks = 0)
    {
        var words = description.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (answerChunks > 0 && words.Length > 0)
        {
            words = Enumerable.Range(0, answerChunks).Select(i => words[i % words.Length]).ToArray();
        }

        var chunks = words.Select((word, i) => i < words.Length - 1 ? word + " " : word).ToList();
        var finish = "stop";
        if (request.MaxTokens is { } cap && chunks.Count > cap)
        {
            chunks = chunks.Take(cap).ToList();
            chunks[^1] = chunks[^1].TrimEnd();
            finish = "length";
        }

        var prompt = request.PromptWords + (TokensPerImage * request.ImageUrls.Count);
        return new ChatAnswer(chunks, finish, new Usage(prompt, chunks.Count));
    }
}
