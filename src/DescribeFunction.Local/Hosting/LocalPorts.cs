namespace DescribeFunction.Local.Hosting;

/// <summary>Where the stand-ins listen: the fixed ports of <c>serve</c>, or ephemeral ones (0) for tests and the demo.</summary>
public sealed record LocalPorts(int Firestore, int Describer, int Storage, int Metadata, int Function)
{
    public static LocalPorts Serve { get; } = new(8681, 8682, 8683, 8684, 8080);

    public static LocalPorts Ephemeral { get; } = new(0, 0, 0, 0, 0);
}
