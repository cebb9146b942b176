using System.Text.Json;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Cli;

namespace DescribeFunction.Tests.Local;

public sealed class DocumentPrinterTests
{
    [Fact]
    public void ToJson_AVectorField_PrintsItsLengthAndFirstValues_NotItsTypeName()
    {
        var fields = new DocumentFields()
            .Set("name", "photos/a.png")
            .Set("embedding", new FirestoreVector([0.5, -0.25, 0.125, 1]));

        using var printed = JsonDocument.Parse(DocumentPrinter.ToJson(new FirestoreDocument("projects/p/databases/(default)/documents/c/a", fields, "2026-12-02T00:00:00Z", "2026-12-02T00:00:00Z")));

        Assert.Equal("vector of 4: 0.5000, -0.2500, 0.1250, …", printed.RootElement.GetProperty("fields").GetProperty("embedding").GetString());
        Assert.Equal("photos/a.png", printed.RootElement.GetProperty("fields").GetProperty("name").GetString());
    }
}
