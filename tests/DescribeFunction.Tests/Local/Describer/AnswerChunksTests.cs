using DescribeFunction.Local.Describer;

namespace DescribeFunction.Tests.Local.Describer;

public sealed class AnswerChunksTests
{
    private static ChatRequest Request(int? maxTokens = null) => new("google/gemini-3.8-flash", true, maxTokens, ["gs://b/o.png"], 10);

    [Fact]
    public void AnswerChunks_Zero_StreamsTheDescriptionAsComposed()
    {
        var answer = ChatAnswer.From("A small red square.", Request());

        Assert.Equal(["A ", "small ", "red ", "square."], answer.Chunks);
    }

    [Fact]
    public void AnswerChunks_AboveWordCount_RepeatsTheWordsToExactlyThatMany()
    {
        var answer = ChatAnswer.From("one two three", Request(), answerChunks: 7);

        Assert.Equal(7, answer.Chunks.Count);
        Assert.Equal("one two three one two three one", answer.Text);
        Assert.Equal("stop", answer.FinishReason);
        Assert.Equal(7, answer.Usage.CompletionTokens);
    }

    [Fact]
    public void AnswerChunks_BelowWordCount_CutsTheWords()
    {
        var answer = ChatAnswer.From("one two three", Request(), answerChunks: 2);

        Assert.Equal("one two", answer.Text);
    }

    [Fact]
    public void AnswerChunks_OutputCapStillApplies()
    {
        var answer = ChatAnswer.From("one two three", Request(maxTokens: 4), answerChunks: 50);

        Assert.Equal(4, answer.Chunks.Count);
        Assert.Equal("length", answer.FinishReason);
    }
}
