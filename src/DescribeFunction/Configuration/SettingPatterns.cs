using System.Text.RegularExpressions;

namespace DescribeFunction.Configuration;

/// <summary>The shapes several settings share, compiled once by the regex source generator (AOT-safe).</summary>
internal static partial class SettingPatterns
{
    [GeneratedRegex("^[a-z][a-z0-9-]*[a-z0-9]$")]
    public static partial Regex Location();

    // Project ids; legacy domain-scoped ids ("example.com:proj") are accepted too.
    [GeneratedRegex("^([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    public static partial Regex Project();

    [GeneratedRegex(@"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$")]
    public static partial Regex HostPort();

    // Pub/Sub resource names: a topic id starts with a letter, is 3 to 255 characters, and does not start with "goog".
    [GeneratedRegex("^(projects/([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]/topics/)?(?!goog)[A-Za-z][A-Za-z0-9._~+%-]{2,254}$")]
    public static partial Regex Topic();
}
