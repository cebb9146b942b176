using System.Runtime.InteropServices;

namespace DescribeFunction.Benchmarks.Measuring;

/// <summary>What the numbers were measured on.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadField("/proc/meminfo", "MemTotal");
        var memoryGb = memory is null ? "?" : $"{long.Parse(memory.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024.0:F1} GiB";
        return $"machine: nproc {Environment.ProcessorCount}, CPU {cpu}, memory {memoryGb}, {RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}, CLK_TCK {ProcStats.TicksPerSecond}, load average {LoadAverage()}";
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine skews every number here.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string? ReadField(string path, string name)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
