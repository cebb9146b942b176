using System.Diagnostics;
using System.Globalization;

namespace DescribeFunction.Benchmarks.Measuring;

/// <summary>One reading of a process from /proc: CPU time (user + system), resident memory and threads.</summary>
internal readonly record struct ProcSample(double CpuMs, long RssKb, long PeakRssKb, int Threads)
{
    public double RssMb => RssKb / 1024.0;

    public double PeakRssMb => PeakRssKb / 1024.0;
}

/// <summary>Reads /proc/PID/stat and /proc/PID/status (Linux only).</summary>
internal static class ProcStats
{
    private static readonly Lazy<int> ClockTicks = new(ReadClockTicks);

    public static int TicksPerSecond => ClockTicks.Value;

    public static ProcSample Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may contain spaces: state is field 3,
        // utime field 14 and stime field 15 (1-based), in clock ticks.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rss = 0, peak = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return new ProcSample(ticks * 1000.0 / TicksPerSecond, rss, peak, threads);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    private static int ReadClockTicks()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false });
            var text = getconf!.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            return int.TryParse(text, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }
}
