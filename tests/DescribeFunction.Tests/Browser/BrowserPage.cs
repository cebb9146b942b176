using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Tests.Browser;

/// <summary>One tab: script evaluation, waits with deadlines, files for an input, keys, viewport and screenshots.</summary>
public sealed class BrowserPage(DevToolsConnection connection, string sessionId)
{
    /// <summary>Generous: on a busy shared machine a browser may take seconds to answer.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public Task<JsonElement> SendAsync(string method, JsonObject? parameters = null) =>
        connection.SendAsync(method, parameters, sessionId, CommandTimeout);

    public async Task NavigateAsync(Uri url)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri });
        await WaitForAsync("document.readyState === 'complete' && location.href !== 'about:blank'", TimeSpan.FromSeconds(60), $"{url} to load");
    }

    /// <summary>The value of a JavaScript expression (promises awaited), as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["returnByValue"] = true,
            ["awaitPromise"] = true,
        });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"The page threw evaluating {expression}: {exception.GetRawText()}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    public async Task<string?> TextAsync(string expression) => (await EvaluateAsync(expression)) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    /// <summary>
    /// Evaluates <paramref name="expression"/> until it yields something other than null, undefined or false, and
    /// returns that; fails after <paramref name="timeout"/> naming <paramref name="what"/> and the page's last answer.
    /// </summary>
    public async Task<JsonElement> WaitForAsync(string expression, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await EvaluateAsync(expression);
            if (value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.False))
            {
                return value;
            }

            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what} (the page's tiles: {await TilesSummaryAsync()}).");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Puts files into an <c>&lt;input type=file&gt;</c> as a person choosing them would; the page gets its change event.</summary>
    public async Task SetInputFilesAsync(string selector, IEnumerable<string> paths)
    {
        var document = await SendAsync("DOM.getDocument", new JsonObject { ["depth"] = 0 });
        var node = await SendAsync("DOM.querySelector", new JsonObject
        {
            ["nodeId"] = document.GetProperty("root").GetProperty("nodeId").GetInt32(),
            ["selector"] = selector,
        });
        await SendAsync("DOM.setFileInputFiles", new JsonObject
        {
            ["files"] = new JsonArray([.. paths.Select(p => (JsonNode)p)]),
            ["nodeId"] = node.GetProperty("nodeId").GetInt32(),
        });
    }

    /// <summary>Drags files from outside the browser and drops them at the middle of the element.</summary>
    public async Task DropFilesAsync(string selector, IEnumerable<string> paths)
    {
        var box = await EvaluateAsync($"(() => {{ const r = document.querySelector({JsonSerializer.Serialize(selector)}).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()");
        var files = new JsonArray([.. paths.Select(p => (JsonNode)p)]);
        foreach (var type in new[] { "dragEnter", "dragOver", "drop" })
        {
            await SendAsync("Input.dispatchDragEvent", new JsonObject
            {
                ["type"] = type,
                ["x"] = box[0].GetDouble(),
                ["y"] = box[1].GetDouble(),
                ["data"] = new JsonObject { ["items"] = new JsonArray(), ["files"] = files.DeepClone(), ["dragOperationsMask"] = 1 },
            });
        }
    }

    /// <summary>A key press as the keyboard sends it: Tab, Enter or Escape.</summary>
    public async Task PressAsync(string key)
    {
        var (code, text) = key switch
        {
            "Tab" => (9, ""),
            "Enter" => (13, "\r"),
            "Escape" => (27, ""),
            _ => throw new ArgumentException($"No key code for {key}.", nameof(key)),
        };
        var down = new JsonObject { ["type"] = text.Length > 0 ? "keyDown" : "rawKeyDown", ["key"] = key, ["code"] = key, ["windowsVirtualKeyCode"] = code };
        if (text.Length > 0)
        {
            down["text"] = text;
        }

        await SendAsync("Input.dispatchKeyEvent", down);
        await SendAsync("Input.dispatchKeyEvent", new JsonObject { ["type"] = "keyUp", ["key"] = key, ["code"] = key, ["windowsVirtualKeyCode"] = code });
    }

    /// <summary>Types into the focused element, firing input events.</summary>
    public Task InsertTextAsync(string text) => SendAsync("Input.insertText", new JsonObject { ["text"] = text });

    public Task SetViewportAsync(int width, int height) => SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
    {
        ["width"] = width,
        ["height"] = height,
        ["deviceScaleFactor"] = 1,
        ["mobile"] = false,
    });

    /// <summary>The whole page as a PNG, not only the viewport.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var metrics = await SendAsync("Page.getLayoutMetrics");
        var content = metrics.GetProperty("cssContentSize");
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject
            {
                ["x"] = 0,
                ["y"] = 0,
                ["width"] = content.GetProperty("width").GetDouble(),
                ["height"] = content.GetProperty("height").GetDouble(),
                ["scale"] = 1,
            },
        });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    private async Task<string> TilesSummaryAsync()
    {
        try
        {
            return (await EvaluateAsync(
                "JSON.stringify([...document.querySelectorAll('.tile')].map(t => [t.dataset.name, t.dataset.status, (t.querySelector('.description')?.textContent || '').length]))"))
                .GetString() ?? "";
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            return "(unreadable)";
        }
    }
}
