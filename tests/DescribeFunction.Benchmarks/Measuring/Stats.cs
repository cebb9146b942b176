namespace DescribeFunction.Benchmarks.Measuring;

/// <summary>Order statistics over a sample.</summary>
internal static class Stats
{
    /// <summary>The p-th percentile (0–100), interpolating linearly between the closest ranks.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (rank - lower));
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);
}
