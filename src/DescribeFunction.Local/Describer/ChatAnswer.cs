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
        var words = Words(description, answerChunks);
        return Capped([.. words.Select((word, i) => i < words.Length - 1 ? word + " " : word)], request);
    }

    /// <summary>The description's words, repeated or cut to <paramref name="answerChunks"/> when that is above zero.</summary>
    public static string[] Words(string description, int answerChunks)
    {
        var words = description.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return answerChunks > 0 && words.Length > 0
            ? [.. Enumerable.Range(0, answerChunks).Select(i => words[i % words.Length])]
            : words;
    }

    /// <summary>A JSON answer cut after each space, so the pieces concatenate to it exactly and strings arrive in parts.</summary>
    public static ChatAnswer FromJson(string json, ChatRequest request)
    {
        var chunks = new List<string>();
        var start = 0;
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == ' ' || i == json.Length - 1)
            {
                chunks.Add(json[start..(i + 1)]);
                start = i + 1;
            }
        }

        return Capped(chunks, request);
    }

    private static ChatAnswer Capped(List<string> chunks, ChatRequest request)
    {
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
