using System.Runtime.CompilerServices;
using DescribeFunction.Configuration;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// The tests' own settings file, <c>test-settings.yaml</c> beside the test assembly, which every function host the
/// tests start reads in place of the operator's <c>function.yaml</c>.
/// </summary>
public static class TestSettings
{
    public static string FilePath { get; } = Path.Combine(AppContext.BaseDirectory, "test-settings.yaml");

    /// <summary>A value as the file states it, for tests that check a host really read this file.</summary>
    public static string? Get(string name) =>
        new ConfigurationBuilder().Add(new YamlFileConfigurationSource(FilePath, optional: false)).Build()[name];

    /// <summary>
    /// In-process hosts read the file named by FUNCTION_CONFIG in the process environment; setting it before any
    /// test runs covers every one of them, whichever helper builds it. Child processes are given it explicitly.
    /// </summary>
#pragma warning disable CA2255 // A module initializer is the one place that runs before every test in this assembly.
    [ModuleInitializer]
    internal static void UseForInProcessHosts() => Environment.SetEnvironmentVariable("FUNCTION_CONFIG", FilePath);
#pragma warning restore CA2255
}
