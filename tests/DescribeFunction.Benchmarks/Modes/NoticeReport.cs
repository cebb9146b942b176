using System.Globalization;
using DescribeFunction.Benchmarks.Output;
using DescribeFunction.Benchmarks.Running;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>
/// The load test's notice check: every version that ended <c>done</c> or <c>failed</c> must have had its notice
/// delivered at least once. Counts versions delivered, extra copies (at-least-once duplicates), versions missing
/// one, and notices still recorded pending.
/// </summary>
internal static class NoticeReport
{
    /// <returns>The finished versions with no notice delivered.</returns>
    public static async Task<int> WriteAsync(TextWriter output, NoticeRig notices, IReadOnlyList<LocalObject> objects, StandIns standIns, CancellationToken cancellationToken)
    {
        var messages = await notices.DrainAsync(cancellationToken);
        var perVersion = messages
            .GroupBy(m => (m.Attributes.GetValueOrDefault("objectName"), m.Attributes.GetValueOrDefault("generation")))
            .ToDictionary(g => g.Key, g => g.Count());
        int finished = 0, delivered = 0, missing = 0, pending = 0;
        foreach (var stored in objects)
        {
            var document = await standIns.DocumentAsync(stored.Name, cancellationToken);
            if (document?.Fields.GetString("status") is not ("done" or "failed"))
            {
                continue;
            }

            finished++;
            var key = (stored.Name, document.Fields.GetInt64("generation")?.ToString(CultureInfo.InvariantCulture));
            _ = perVersion.ContainsKey(key) ? delivered++ : missing++;
            pending += document.Fields.GetMap("notification")?.GetString("state") == "pending" ? 1 : 0;
        }

        var publishFaults = notices.Relay?.Exchanges.Count(e => e.Fault is not null) ?? 0;
        var table = new Table(
            "Notices: one Pub/Sub message per finished version (at least once)",
            "finished versions", "delivered", "duplicates", "missing", "still pending", "messages", "publish faults");
        table.Add([
            Num(finished), Num(delivered), Num(messages.Count - perVersion.Count), Num(missing), Num(pending), Num(messages.Count), Num(publishFaults),
        ]);
        table.Write(output);
        return missing;
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
