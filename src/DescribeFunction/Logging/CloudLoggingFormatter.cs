using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace DescribeFunction.Logging;

/// <summary>
/// One JSON object per line in the shape Cloud Logging parses from stdout: <c>severity</c>, <c>message</c>, the
/// trace fields that tie a line to its request, and the structured properties of the message and its scopes.
/// </summary>
public sealed class CloudLoggingFormatter : ConsoleFormatter
{
    public const string FormatterName = "cloud-logging";
    private readonly IOptionsMonitor<CloudLoggingFormatterOptions> _options;

    public CloudLoggingFormatter(IOptionsMonitor<CloudLoggingFormatterOptions> options)
        : base(FormatterName) => _options = options;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("severity", Severity(logEntry.LogLevel));
            writer.WriteString("message", Safe(logEntry.Exception is null ? message : $"{message}\n{logEntry.Exception}"));
            writer.WriteString("time", DateTimeOffset.UtcNow);
            writer.WriteString("category", logEntry.Category);
            WriteProperties(writer, logEntry.State);
            scopeProvider?.ForEachScope((scope, w) => WriteScope(w, scope), writer);
            writer.WriteEndObject();
        }

        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write('\n');
    }

    private void WriteScope(Utf8JsonWriter writer, object? scope)
    {
        if (scope is TraceContext trace)
        {
            var project = _options.CurrentValue.ProjectId;
            writer.WriteString("logging.googleapis.com/trace", project is null ? trace.TraceId : $"projects/{project}/traces/{trace.TraceId}");
            if (trace.SpanId is not null)
            {
                writer.WriteString("logging.googleapis.com/spanId", trace.SpanId);
            }

            writer.WriteBoolean("logging.googleapis.com/trace_sampled", trace.Sampled);
            return;
        }

        WriteProperties(writer, scope);
    }

    private static void WriteProperties(Utf8JsonWriter writer, object? state)
    {
        if (state is not IEnumerable<KeyValuePair<string, object?>> properties)
        {
            return;
        }

        foreach (var (key, value) in properties)
        {
            if (key == "{OriginalFormat}" || key.Length == 0)
            {
                continue;
            }

            var name = char.ToLowerInvariant(key[0]) + key[1..];
            switch (value)
            {
                case null:
                    writer.WriteNull(name);
                    break;
                case long or int or short:
                    writer.WriteNumber(name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case double or float or decimal:
                    writer.WriteNumber(name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case bool b:
                    writer.WriteBoolean(name, b);
                    break;
                default:
                    writer.WriteString(name, Safe(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)));
                    break;
            }
        }
    }

    /// <summary>
    /// Log text can carry what a request sent (a bad header, an object name); a lone surrogate in it would make the
    /// JSON writer throw, so it becomes U+FFFD as the UTF-8 encoder writes it.
    /// </summary>
    private static string? Safe(string? text) =>
        text is not null && text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0
            ? System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text))
            : text;

    private static string Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "DEFAULT",
    };
}

public sealed class CloudLoggingFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>Makes trace ids the full resource name Cloud Logging links to Cloud Trace.</summary>
    public string? ProjectId { get; set; }
}
