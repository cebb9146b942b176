using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Tests.Browser;

/// <summary>
/// The Chrome DevTools Protocol over one WebSocket: numbered commands, each answered by the message with its id;
/// events are not needed by the tests and are dropped. No package: the protocol is JSON over a WebSocket.
/// </summary>
public sealed class DevToolsConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private int _nextId;

    private DevToolsConnection(ClientWebSocket socket)
    {
        _socket = socket;
        _receiving = Task.Run(ReceiveAsync);
    }

    public static async Task<DevToolsConnection> ConnectAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(endpoint, cancellationToken);
        return new DevToolsConnection(socket);
    }

    /// <summary>Sends a command (to a page when <paramref name="sessionId"/> is given) and returns its result.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters, string? sessionId, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }

        try
        {
            var reply = await answer.Task.WaitAsync(timeout);
            if (reply.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"DevTools {method} failed: {error.GetRawText()}");
            }

            return reply.TryGetProperty("result", out var result) ? result : default;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for the browser to answer {method}.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                if (document.RootElement.TryGetProperty("id", out var id) && _pending.TryGetValue(id.GetInt32(), out var answer))
                {
                    answer.TrySetResult(document.RootElement.Clone());
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }

        foreach (var answer in _pending.Values)
        {
            answer.TrySetException(new InvalidOperationException("The browser closed the DevTools connection."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _receiving;
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}
