using System.Globalization;
using DescribeFunction.Benchmarks.Faults;
using DescribeFunction.Benchmarks.Output;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>
/// What the load test saw, counted per object. A model call that follows a faulted call for the same object is a
/// retry; a model call beyond one plus the number of faulted calls is a duplicate: work the function repeated although
/// the model had answered it in full.
/// </summary>
internal sealed class LoadReport(
    BenchmarkOptions options,
    string[] names,
    bool[] duplicated,
    int[] finals,
    IReadOnlyList<(int Attempt, bool Duplicate, int Status)> deliveries,
    IReadOnlyDictionary<string, string> statuses,
    IReadOnlyDictionary<string, string> errors,
    IReadOnlyCollection<RelayExchange> model,
    IReadOnlyCollection<RelayExchange> firestore,
    double wall)
{
    public int Lost => statuses.Values.Count(s => s is not ("done" or "failed"));

    public void Write(TextWriter output, IReadOnlyList<string> functionProblems)
    {
        var calls = model.Where(e => e.Path.Contains("chat/completions", StringComparison.Ordinal)).ToArray();
        var callsPer = calls.GroupBy(e => e.ObjectName ?? "").ToDictionary(g => g.Key, g => (Calls: g.Count(), Faulted: g.Count(e => e.Fault is not null)));
        var storeFaulted = firestore.Where(e => e.Fault is not null).Select(e => e.ObjectName ?? "").ToHashSet();
        var done = names.Where(n => statuses[n] == "done").ToArray();
        int retries = 0, duplicatesStoreFault = 0, duplicatesNoFault = 0;
        foreach (var name in names)
        {
            var (n, faulted) = callsPer.GetValueOrDefault(name);
            var extra = Math.Max(0, n - 1);
            retries += Math.Min(extra, faulted);
            if (statuses[name] == "done" && extra > faulted)
            {
                if (storeFaulted.Contains(name))
                {
                    duplicatesStoreFault += extra - faulted;
                }
                else
                {
                    duplicatesNoFault += extra - faulted;
                }
            }
        }

        var table = new Table(
            $"Load test: {names.Length} events at concurrency {options.LoadConcurrency}, faults injected into {options.FaultRate:P0} of model calls and " +
            $"of Firestore commits, {options.DuplicateRate:P0} of events delivered twice at once, redelivery on 5xx up to {options.MaxDeliveries} deliveries",
            "metric", "value");
        table.Add("events (distinct objects)", Count(names.Length));
        table.Add("wall time", $"{wall:F1} s");
        table.Add("deliveries in all", Count(deliveries.Count));
        table.Add("retried deliveries (redelivered after 5xx)", Count(deliveries.Count(d => d.Attempt > 1)));
        table.Add("duplicate deliveries (same event, concurrent)", Count(duplicated.Count(d => d)));
        table.Add("answers 200 / 204 / 5xx / no answer", string.Join(" / ", Count(deliveries.Count(d => d.Status == 200)), Count(deliveries.Count(d => d.Status == 204)), Count(deliveries.Count(d => d.Status >= 500)), Count(deliveries.Count(d => d.Status == 0))));
        table.Add("events still failing after the last delivery", Count(finals.Count(s => s is 0 or >= 500)));
        table.Add("processed (document done)", Count(done.Length));
        table.Add("failed (document failed, recorded)", Count(statuses.Values.Count(s => s == "failed")));
        table.Add("LOST (document not done or failed)", Count(Lost));
        table.Add("model calls", Count(calls.Length));
        table.Add("model calls with an injected fault", Count(calls.Count(e => e.Fault is not null)));
        table.Add("Firestore commits with an injected fault", Count(firestore.Count(e => e.Fault is not null)));
        table.Add("model calls retried after a faulted call", Count(retries));
        table.Add("DUPLICATED model calls for done generations", Count(duplicatesNoFault + duplicatesStoreFault));
        table.Add("  of which on objects with no injected fault", Count(duplicatesNoFault));
        table.Add("  of which after a Firestore fault (model answered)", Count(duplicatesStoreFault));
        table.Write(output);

        WriteFaultKinds(output);
        WriteLost(output, callsPer, functionProblems);
    }

    private void WriteFaultKinds(TextWriter output)
    {
        var kinds = new Table("Injected faults by kind (a burst fails the same object's consecutive requests)", "fault", "requests", "objects", "objects done", "objects lost");
        foreach (var group in model.Concat(firestore).Where(e => e.Fault is not null).GroupBy(e => e.Fault!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var objects = group.Select(e => e.ObjectName ?? "").ToHashSet();
            kinds.Add(group.Key, Count(group.Count()), Count(objects.Count),
                Count(objects.Count(o => statuses.GetValueOrDefault(o) == "done")),
                Count(objects.Count(o => statuses.GetValueOrDefault(o) is not ("done" or "failed"))));
        }

        kinds.Write(output);
    }

    private void WriteLost(TextWriter output, Dictionary<string, (int Calls, int Faulted)> callsPer, IReadOnlyList<string> functionProblems)
    {
        var lost = names.Where(n => statuses[n] is not ("done" or "failed")).ToArray();
        if (lost.Length == 0)
        {
            return;
        }

        var table = new Table($"Lost objects (first {Math.Min(10, lost.Length)} of {lost.Length})", "object", "status", "model calls", "faults injected", "error recorded");
        foreach (var name in lost.Take(10))
        {
            var faults = model.Concat(firestore).Where(e => e.ObjectName == name && e.Fault is not null).Select(e => e.Fault!);
            table.Add(name, statuses[name], Count(callsPer.GetValueOrDefault(name).Calls), string.Join(", ", faults), errors.GetValueOrDefault(name, ""));
        }

        table.Write(output);
        output.WriteLine();
        output.WriteLine("What the function logged about them (warnings and errors, first lines):");
        foreach (var name in lost.Take(10))
        {
            foreach (var line in functionProblems.Where(l => l.Contains("/" + name + " ", StringComparison.Ordinal) || l.Contains("/" + name + ":", StringComparison.Ordinal)).Take(3))
            {
                output.WriteLine("  " + (line.Length > 260 ? line[..260] + "…" : line));
            }
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
