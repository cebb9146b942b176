using System.Text.Json;
using DescribeFunction.Describing;
using DescribeFunction.Describing.Structured;

namespace DescribeFunction.Tests.Describing.Structured;

public sealed class StructuredOutputParserTests
{
    private static readonly StructuredSchema Receipt = LoadReceipt();

    private static StructuredSchema LoadReceipt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.schema.json");
        File.WriteAllText(path, SchemaSamples.Receipt);
        try
        {
            return StructuredSchema.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static DescribeException Invalid(string raw, StructuredSchema? schema = null, string? finish = "stop")
    {
        var error = Assert.Throws<DescribeException>(() => StructuredOutputParser.Parse(raw, schema ?? StructuredSchema.Default, finish));
        Assert.Equal(StructuredOutputParser.InvalidCode, error.Code);
        Assert.False(error.IsTransient);
        Assert.Equal(raw, error.RawOutput);
        return error;
    }

    [Fact]
    public void DefaultAnswer_GivesTypedFieldsWithLabelsLowercasedTrimmedAndDeduplicated()
    {
        var output = StructuredOutputParser.Parse(SchemaSamples.ValidDefaultAnswer, StructuredSchema.Default, "stop");

        Assert.Equal("A red boat on a calm lake.", output.Description);
        Assert.Equal("A red boat on a lake.", output.AltText);
        Assert.Equal(["boat", "lake"], output.Labels);
        Assert.Equal("", output.VisibleText);
        Assert.False(output.ContainsPeople);
    }

    [Fact]
    public void AnswerInACodeFence_IsAccepted()
    {
        var output = StructuredOutputParser.Parse("```json\n" + SchemaSamples.ValidDefaultAnswer + "\n```", StructuredSchema.Default, "stop");

        Assert.Equal("A red boat on a lake.", output.AltText);
    }

    [Fact]
    public void CutByTheOutputCap_SaysToRaiseTheCap()
    {
        var error = Invalid(SchemaSamples.ValidDefaultAnswer[..40], finish: "length");

        Assert.Contains("cut off by the output cap", error.Message, StringComparison.Ordinal);
        Assert.Contains("DESCRIBE_MAX_OUTPUT_TOKENS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prose_IsNotJson()
    {
        var error = Invalid("A red boat on a calm lake.");

        Assert.Contains("it is not JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"description":"d","altText":"a","labels":["x"],"visibleText":""}""", "/containsPeople is missing")]
    [InlineData("""{"description":"d","altText":"a","labels":["x"],"visibleText":"","containsPeople":"no"}""", "/containsPeople is a string but must be a boolean")]
    [InlineData("""{"description":"d","altText":"a","labels":[],"visibleText":"","containsPeople":false}""", "/labels has 0 items but must have 1 to 10")]
    [InlineData("""{"description":"d","altText":"a","labels":["1","2","3","4","5","6","7","8","9","10","11"],"visibleText":"","containsPeople":false}""", "/labels has 11 items")]
    [InlineData("""{"description":"d","altText":"a","labels":["x",3],"visibleText":"","containsPeople":false}""", "/labels/1 is a number but must be a string")]
    [InlineData("""{"description":"d","altText":"a","labels":["x"],"visibleText":"","containsPeople":false,"mood":"calm"}""", "/mood is not in the schema")]
    [InlineData("""{"description":"d","altText":null,"labels":["x"],"visibleText":"","containsPeople":false}""", "/altText is null but must be a string")]
    [InlineData("""{"description":" ","altText":"a","labels":["x"],"visibleText":"","containsPeople":false}""", "/description is empty")]
    [InlineData("""{"description":"d","altText":"a","labels":[" "],"visibleText":"","containsPeople":false}""", "/labels holds no label")]
    [InlineData("""["not","an","object"]""", "the top level is an array but must be an object")]
    public void AnswerThatBreaksTheSchema_IsInvalidNamingThePointer(string raw, string expected)
    {
        var error = Invalid(raw);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AltTextOverTheLimit_IsInvalid()
    {
        var raw = JsonSerializer.Serialize(new { description = "d", altText = new string('a', 126), labels = new[] { "x" }, visibleText = "", containsPeople = false });

        var error = Invalid(raw);

        Assert.Contains("/altText has 126 characters but must have 1 to 125", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomAnswer_KeepsTheObjectAndUsesItsJsonAsProseWithoutADescription()
    {
        const string raw = """{"merchant":"Corner Shop","total":12.5,"items":[{"name":"tea","quantity":2}],"currency":"EUR","notes":null}""";

        var output = StructuredOutputParser.Parse(raw, Receipt, "stop");

        Assert.Equal(raw, output.Description);
        Assert.Equal("Corner Shop", output.Value.GetProperty("merchant").GetString());
        Assert.Null(output.Labels);
    }

    [Theory]
    [InlineData("""{"merchant":"m","total":1,"items":[{"name":"tea","quantity":2.5}],"currency":"EUR","notes":null}""", "/items/0/quantity is a number but must be an integer")]
    [InlineData("""{"merchant":"m","total":1,"items":[{"name":"tea","quantity":2}],"currency":"GBP","notes":null}""", "/currency is 'GBP' but must be one of EUR, USD")]
    [InlineData("""{"merchant":"m","total":1,"items":[{"name":"tea","quantity":2}],"currency":"EUR"}""", "/notes is missing")]
    public void CustomAnswer_ThatBreaksItsSchema_IsInvalid(string raw, string expected)
    {
        var error = Invalid(raw, Receipt);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
