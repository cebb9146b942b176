using System.Net;
using System.Net.Sockets;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Metadata;

namespace DescribeFunction.Tests.Local;

public sealed class PortInUseTests
{
    [Fact]
    public async Task StandIn_OnATakenPort_ThrowsPortInUseNamingTheServerAndPort()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<PortInUseException>(() => MetadataStandIn.StartAsync(new MetadataSettings { ProjectId = "p" }, taken));

        Assert.Equal("metadata", error.Server);
        Assert.Equal(taken, error.Port);
        Assert.Equal($"Port {taken} (metadata) is already in use.", error.Message);
    }

    [Fact]
    public async Task LocalEnvironment_WithALaterPortTaken_StopsTheServersItHadStarted()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;
        var describer = FreePort.Find();
        var dataRoot = Path.Combine(Path.GetTempPath(), "port-taken-" + Guid.NewGuid().ToString("N"));
        try
        {
            await Assert.ThrowsAsync<PortInUseException>(() => LocalEnvironment.StartAsync(LocalPorts.Ephemeral with { Describer = describer, Metadata = taken }, dataRoot));

            // The describer started before the metadata server failed; its port must be free again.
            using var again = new TcpListener(IPAddress.Loopback, describer);
            again.Start();
        }
        finally
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }
}
