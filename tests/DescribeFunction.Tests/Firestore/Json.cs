namespace DescribeFunction.Tests.Firestore;

internal static class Json
{
    /// <summary>Joins a JSON text written over several indented lines, so tests can compare exact wire bytes.</summary>
    public static string Lines(string text) =>
        string.Concat(text.Split('\n').Select(line => line.Trim()));
}
