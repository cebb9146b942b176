using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace DescribeFunction.Local.Hosting;

/// <summary>
/// A fixed loopback port one of the local servers needs is held by another process (most often a second
/// <c>serve</c>); the command line turns it into one sentence naming the port and the option that moves it.
/// </summary>
public sealed class PortInUseException : Exception
{
    public PortInUseException()
    {
    }

    public PortInUseException(string message)
        : base(message)
    {
    }

    public PortInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="server">What wanted the port: firestore, describer, storage, metadata, gallery or function.</param>
    public PortInUseException(string server, int port, Exception? innerException)
        : base($"Port {port} ({server}) is already in use.", innerException)
    {
        Server = server;
        Port = port;
    }

    public string Server { get; } = "";

    public int Port { get; }

    /// <summary>Runs <paramref name="start"/>, turning Kestrel's "address already in use" into this exception.</summary>
    public static async Task TranslateAsync(string server, int port, Func<Task> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        try
        {
            await start();
        }
        catch (IOException error) when (error.InnerException is AddressInUseException)
        {
            throw new PortInUseException(server, port, error);
        }
    }

    /// <summary>Throws when something already listens on <paramref name="port"/>, for servers started outside Kestrel.</summary>
    public static void ThrowIfTaken(string server, int port)
    {
        if (port <= 0)
        {
            return;
        }

        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new PortInUseException(server, port, error);
        }
    }
}
