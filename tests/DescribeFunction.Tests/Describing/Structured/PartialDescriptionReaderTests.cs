using DescribeFunction.Describing.Structured;

namespace DescribeFunction.Tests.Describing.Structured;

public sealed class PartialDescriptionReaderTests
{
    private const string Answer =
        """{"mood":{"a":["}\"{",1]},"n":-1.5e3,"description":"Caf\u00e9 \"Rose\"\nopen \ud83d\ude00 a\\b","labels":["x"]}""";

    private const string Expected = "Café \"Rose\"\nopen 😀 a\\b";

    [Fact]
    public void WholeAnswer_YieldsTheDecodedDescriptionAfterSkippingOtherProperties()
    {
        var reader = new PartialDescriptionReader();

        Assert.Equal(Expected, reader.Append(Answer));
        Assert.True(reader.Complete);
    }

    [Fact]
    public void AnswerCutAtEveryPosition_YieldsTheSameTextPieceByPiece()
    {
        for (var cut = 0; cut <= Answer.Length; cut++)
        {
            var reader = new PartialDescriptionReader();

            var text = reader.Append(Answer[..cut]) + reader.Append(Answer[cut..]);

            Assert.Equal(Expected, text);
            Assert.Equal(Expected, reader.Text);
        }
    }

    [Fact]
    public void OneCharacterAtATime_GrowsThePartialDescription()
    {
        var reader = new PartialDescriptionReader();
        var seen = new List<string>();

        foreach (var c in """  {"description":"A red boat","altText":"x"}""")
        {
            if (reader.Append(c.ToString()).Length > 0)
            {
                seen.Add(reader.Text);
            }
        }

        Assert.Equal(["A", "A ", "A r", "A re", "A red", "A red ", "A red b", "A red bo", "A red boa", "A red boat"], seen);
    }

    [Fact]
    public void DescriptionInsideANestedObject_IsNotTheTopLevelOne()
    {
        var reader = new PartialDescriptionReader();

        Assert.Equal("top", reader.Append("""{"meta":{"description":"inner"},"description":"top"}"""));
    }

    [Fact]
    public void AnswerWithoutADescription_YieldsNothing()
    {
        var reader = new PartialDescriptionReader();

        Assert.Equal("", reader.Append("""{"merchant":"Corner Shop","total":12.5}"""));
        Assert.False(reader.Complete);
    }
}
