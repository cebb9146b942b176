namespace DescribeFunction.Tests.Infrastructure.Fuzzing;

/// <summary>The odd pieces the fuzzer puts where a well-formed event has a field, a header, a content type or a path.</summary>
public static class OddValues
{
    public const int DeepNesting = 10_000;

    public static readonly string DeepArray = new string('[', DeepNesting) + new string(']', DeepNesting);

    public static readonly string DeepObject = string.Concat(Enumerable.Repeat("{\"a\":", DeepNesting)) + "1" + new string('}', DeepNesting);

    public static readonly string UnclosedArray = new('[', DeepNesting);

    /// <summary>Raw JSON values of every wrong type and size. No image content type: a valid image event would reach Firestore.</summary>
    public static readonly string[] Json =
    [
        "{}", "[]", "\"abc\"", "\"\"", "true", "null", "0", "-0", "1.5", "-1", "1e309", "-1e309", "1E-400",
        "123456789012345678901234567890", "\"123456789012345678901234567890\"", "9223372036854775808", "\"9223372036854775808\"",
        "-9223372036854775809", "\" 42\"", "\"0x10\"", "\"\\u0031\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"a\\u0000b\"",
        "\"\\\\\"", "\"2026-13-45T99:99:99Z\"", "\"0000-00-00T00:00:00Z\"", "[1,\"2\",{}]", "{\"a\":[{\"b\":null}]}",
        "{\"\":\"\"}", "\"" + new string('x', 100_000) + "\"", DeepArray, DeepObject,
    ];

    /// <summary>Header values as sent: broken percent-encoding, encoded controls and surrogates, overlong, raw Unicode.</summary>
    public static readonly string[] HeaderValues =
    [
        "", " ", "%", "%%", "%zz", "%ZZ%", "%e", "%e9", "%C3%A9", "%ED%A0%80", "%F0%9F%98", "%00", "%0d%0a", "%C0%80", "%FF%FE%FD",
        "%25", "%2", new string('a', 8000), string.Concat(Enumerable.Repeat("%41", 2500)), new string('%', 3000), "é✓😀", "\t x \t",
        "1.0, 1.0", "http://[::1", "http://host:99999/", "http://", "//", ":", "urn:", "mailto:", "\\\\server\\share", "?#",
        "2026-11-25T12:00:00.123Z, 2026-11-25T12:00:00.123Z",
    ];

    public static readonly string[] CeHeaderNames =
    [
        "ce-specversion", "ce-id", "ce-source", "ce-type", "ce-time", "ce-subject", "ce-dataschema", "ce-datacontenttype",
        "ce-myextension", "ce-bad_name", "ce-UPPER", "ce-data", "ce-", "ce-" + new string('x', 300), "CE-ID",
    ];

    public static readonly string[] ContentTypes =
    [
        "application/json; charset=utf-16", "application/json; charset=utf-7", "application/json; charset=ebcdic-cp-us",
        "application/json; charset=nonsense", "application/json;charset=\"utf-8\"", "APPLICATION/JSON", "application/JSON; foo=bar; foo=baz",
        "application/cloudevents+json; charset=latin1", "APPLICATION/CLOUDEVENTS+JSON", "application/cloudevents+json; charset=utf-32",
        "application/cloudevents+json; charset=utf-7", "application/cloudevents+json; charset=\"\"", "application/cloudevents+json; charset=x y",
        "application/cloudevents+json; charset", "application/cloudevents+json; =x", "application/cloudevents-batch+json", "text/plain",
        "text/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
        "application/problem+json", "application/vnd.foo+json", "*/*", "application/*", "json", "/", ";", "application/json;",
        "application/", "a/b/c", "application/json, text/plain", "", " ", "\"application/json\"",
        "application/json; charset=utf-8; charset=utf-16", new string('a', 5000) + "/json", "application/json; q=é",
    ];

    public static readonly string[] Methods = ["GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "FOO"];

    /// <summary>Paths (relative to the base address; none starts with <c>//</c>, which would name another host).</summary>
    public static readonly string[] Paths =
    [
        "/robots.txt", "/ROBOTS.TXT", "/favicon.ico", "/favicon.ico?x=1", "/robots.txt/", "/robots.txt%00", "/a//b", "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f", "/%zz", "/%", "/%00", "/%ff%fe", "/é/ü", "/a?q=%ff&q", "/a#frag", "/" + new string('a', 10_000),
        "/" + string.Concat(Enumerable.Repeat("%41", 2000)), "/" + string.Concat(Enumerable.Repeat("a/", 3000)), "/;x=y", "/*",
    ];

    /// <summary>Odd resources for legacy events: wrong types, missing parts, hostile and huge names.</summary>
    public static readonly string[] LegacyResources =
    [
        "\"\"", "\"projects/_/buckets/b\"", "\"/objects/\"", "\"projects/_/buckets//objects/\"", "\"objects/a/objects/b\"",
        "\"projects/_/buckets/b/objects/" + new string('x', 100_000) + "\"", "\"" + new string('y', 70_000) + "\"",
        "{\"name\":5}", "{\"name\":\"\"}", "{\"name\":null}", "{}", "[]", "5", "null", "{\"name\":\"projects/_/buckets/b/objects/%zz\"}",
        "\"http://[::1/objects/x\"", "\"\\ud800/objects/\\udfff\"", "\"projects/_/buckets/b/objects/a b\\u0000c\"", "\"::::\"",
        "\"\\\\\\\\server\\\\share\"", "\"C:\\\\x/objects/y\"", "\"file:///etc/passwd\"", "\"%\"", "\"#frag?x\"", "{\"name\":{\"name\":\"x\"}}",
    ];

    public static readonly string[] TraceParents =
    [
        "", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz",
        "ff-ffffffffffffffffffffffffffffffff-ffffffffffffffff-ff", "00-" + new string('0', 32) + "-" + new string('0', 16) + "-00",
        "garbage", new string('-', 4000), "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
    ];

    public static readonly string[] CloudTraceContexts =
    [
        "", "4bf92f3577b34da6a3ce929d0e0e4736/99999999999999999999999999999999;o=1", "4bf92f3577b34da6a3ce929d0e0e4736;o=2",
        "4BF92F3577B34DA6A3CE929D0E0E4736/1;o=1", "/;o=", "x/y;o=1", new string('f', 8000),
    ];
}
