using System.Net;
using System.Net.Sockets;

namespace DescribeFunction.Testing;

public static class FreePort
{
    /// <summary>
    /// A loopback port that was free a moment ago, for a process that must be told its port up front (another
    /// process may take it in between; a process that can listen on port 0 should do that instead).
    /// </summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
