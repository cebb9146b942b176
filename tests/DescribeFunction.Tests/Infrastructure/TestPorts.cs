using System.Net;
using System.Net.Sockets;

namespace DescribeFunction.Tests.Infrastructure;

public static class TestPorts
{
    /// <summary>A loopback port that was free a moment ago, for processes that must be told their port up front.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
