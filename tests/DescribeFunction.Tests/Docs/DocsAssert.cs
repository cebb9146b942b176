namespace DescribeFunction.Tests.Docs;

public static class DocsAssert
{
    /// <summary>Fails with every problem on its own line, in full (xUnit would cut a collection's items short).</summary>
    public static void NoProblems(IEnumerable<string> problems)
    {
        var all = problems.ToList();
        Assert.True(all.Count == 0, $"{all.Count} problem(s):\n" + string.Join('\n', all));
    }
}
