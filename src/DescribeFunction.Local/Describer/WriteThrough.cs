using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace DescribeFunction.Local.Describer;

/// <summary>
/// Makes every flush wait until the bytes are handed to the socket. Without it, a stream cut by
/// <see cref="Faults.FaultPlan.CutAfterChunks"/> can abort with the last chunks still buffered in the server, and the
/// client never sees them: the cut would land at a random place instead of after exactly K chunks.
/// </summary>
internal static class WriteThrough
{
    public static void Configure(IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxResponseBufferSize = 0);

        // A pause threshold of 2 and resume threshold of 1 means a flush completes only once the sender drained the pipe.
        services.Configure<SocketTransportOptions>(options => options.MaxWriteBufferSize = 2);
    }
}
