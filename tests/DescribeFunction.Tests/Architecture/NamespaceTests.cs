namespace DescribeFunction.Tests.Architecture;

public class NamespaceTests
{
    [Fact]
    public void GoogleNamespace_ResolvesToGooglesLibrariesInsideProjectNamespaces() =>
        // Inside DescribeFunction.*, a namespace of ours named Google would hide the global one and this line would
        // not compile (CS0234).
        Assert.Equal("Google.Apis.Auth", typeof(Google.Apis.Auth.OAuth2.GoogleCredential).Assembly.GetName().Name);

    [Fact]
    public void ProjectNamespaces_HaveNoSegmentNamedGoogle()
    {
        var assemblies = new[] { typeof(DescribeImageFunction).Assembly, typeof(DescribeFunction.Local.Hosting.LocalEnvironment).Assembly };

        var offenders = assemblies.SelectMany(a => a.GetTypes())
            .Select(t => t.Namespace ?? "")
            .Where(ns => ns.Split('.').Contains("Google", StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal);

        Assert.Empty(offenders);
    }
}
