using DescribeFunction.Events;
using static DescribeFunction.Tests.Infrastructure.Fuzzing.FuzzEvents;

namespace DescribeFunction.Tests.Infrastructure.Fuzzing;

/// <summary>
/// A deterministic mix of malformed and odd requests: a catalogue that puts every odd value in every place once,
/// then seeded random mutations of well-formed events until <c>count</c> is reached, in a seeded shuffled order.
/// </summary>
public static class MalformedRequests
{
    private const string Json = "application/json";
    private const string CloudEventsJson = "application/cloudevents+json";

    private static readonly Lazy<FuzzRequest[]> Catalogue = new(() =>
    [
        .. FieldTypes(), .. Envelopes(), .. CeHeaders(), .. ContentTypes(), .. Sizes(), .. MethodsAndPaths(),
        .. Nesting(), .. Base64Data(), .. LegacyResources(), .. Traces(), .. Encodings(),
    ]);

    /// <summary>The catalogue (about 3,400 requests, the same for every seed) plus random mutations the seed picks.</summary>
    public static IReadOnlyList<FuzzRequest> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var requests = new List<FuzzRequest>(Catalogue.Value);
        while (requests.Count < count)
        {
            requests.Add(RandomMutation(random));
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(requests));
        return requests;
    }

    public static FuzzRequest Binary(string kind, string data, string type = Finalized) =>
        new(kind, Utf8(data), Json) { Headers = BinaryHeaders(type) };

    public static FuzzRequest StructuredEvent(string kind, string json) => new(kind, Utf8(json), CloudEventsJson);

    public static FuzzRequest LegacyEvent(string kind, string json) => new(kind, Utf8(json), Json);

    private static IEnumerable<FuzzRequest> FieldTypes() =>
        from field in DataFields.Select(f => f.Key)
        from value in OddValues.Json.Append(null)
        let data = Data(field, value)
        from request in new[] { Binary($"binary data.{field}", data), StructuredEvent($"structured data.{field}", Structured(data)), LegacyEvent($"legacy data.{field}", Legacy(data)) }
        select request;

    private static IEnumerable<FuzzRequest> Envelopes()
    {
        foreach (var value in OddValues.Json.Append(null))
        {
            foreach (var field in StructuredFields(Data()).Select(f => f.Key))
            {
                yield return StructuredEvent($"structured {field}", Structured(field: field, value: value));
            }

            foreach (var field in LegacyContextFields().Select(f => f.Key).Append("context").Append("data"))
            {
                yield return LegacyEvent($"legacy {field}", Legacy(field: field, value: value));
                yield return LegacyEvent($"flat legacy {field}", LegacyFlat(field: field, value: value));
            }

            yield return StructuredEvent("structured extension", Json([.. StructuredFields(Data()), new("myext", value ?? "null")]));
        }

        yield return StructuredEvent("structured bad extension name", Json([.. StructuredFields(Data()), new("Bad-Name", "\"x\"")]));
        yield return StructuredEvent("structured datacontenttype text", Structured(field: "datacontenttype", value: "\"text/plain\""));
        yield return StructuredEvent("structured datacontenttype xml", Structured(field: "datacontenttype", value: "\"application/xml\""));
        yield return StructuredEvent("structured string data", Structured(data: "\"{\\\"name\\\":\\\"a\\\"}\""));
    }

    private static IEnumerable<FuzzRequest> CeHeaders()
    {
        foreach (var name in OddValues.CeHeaderNames)
        {
            foreach (var value in OddValues.HeaderValues)
            {
                var request = Binary($"header {name}", Data());
                var others = request.Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
                yield return request with { Headers = [.. others, new(name, value)] };
                if (name is "ce-id" or "ce-specversion")
                {
                    yield return request with { Kind = $"header {name} twice", Headers = [.. request.Headers, new(name, value)] };
                }
            }
        }
    }

    private static IEnumerable<FuzzRequest> ContentTypes() =>
        from contentType in OddValues.ContentTypes
        from request in new[]
        {
            Binary("content type (binary)", Data()), StructuredEvent("content type (structured)", Structured()),
            LegacyEvent("content type (legacy)", Legacy()), new FuzzRequest("content type (bare data)", Utf8(Data()), null),
        }
        select request with { Kind = $"{request.Kind} {contentType}", ContentType = contentType };

    private static IEnumerable<FuzzRequest> Sizes()
    {
        var over = CloudEventRequestReader.MaxBodyBytes + 1;
        foreach (var chunked in new[] { false, true })
        {
            var suffix = chunked ? " chunked" : "";
            yield return new FuzzRequest("empty" + suffix, [], CloudEventsJson) { Chunked = chunked };
            yield return Binary("empty binary" + suffix, "") with { Chunked = chunked };
            yield return LegacyEvent("empty legacy" + suffix, "") with { Chunked = chunked };
            yield return Binary("valid binary" + suffix, Data()) with { Chunked = chunked };
            yield return Binary("oversized binary" + suffix, Data().PadRight(over)) with { Chunked = chunked };
            yield return StructuredEvent("oversized structured" + suffix, Structured().PadRight(over)) with { Chunked = chunked };
            yield return LegacyEvent("oversized legacy" + suffix, Legacy(Data("name", "\"" + new string('n', over) + "\""))) with { Chunked = chunked };
            yield return StructuredEvent("exactly the limit" + suffix, Structured().PadRight(over - 1)) with { Chunked = chunked };
            yield return StructuredEvent("whitespace only" + suffix, new string(' ', 1000)) with { Chunked = chunked };
        }
    }

    private static IEnumerable<FuzzRequest> MethodsAndPaths()
    {
        foreach (var method in OddValues.Methods)
        {
            yield return Binary($"method {method}", Data()) with { Method = method };
            yield return StructuredEvent($"method {method}", Structured()) with { Method = method };
            yield return new FuzzRequest($"method {method} without body", null, null) { Method = method };
        }

        foreach (var path in OddValues.Paths)
        {
            yield return Binary("path", Data()) with { Path = path };
            yield return new FuzzRequest("path GET", null, null) { Method = "GET", Path = path };
        }
    }

    private static IEnumerable<FuzzRequest> Nesting()
    {
        foreach (var (name, nested) in new[] { ("array", OddValues.DeepArray), ("object", OddValues.DeepObject), ("unclosed", OddValues.UnclosedArray) })
        {
            yield return Binary($"deep {name} as binary data", nested);
            yield return StructuredEvent($"deep {name} as structured body", nested);
            yield return LegacyEvent($"deep {name} as legacy body", nested);
            yield return StructuredEvent($"deep {name} in structured data", Structured(data: nested));
            yield return LegacyEvent($"deep {name} in legacy data", Legacy(data: nested));
            yield return LegacyEvent($"deep {name} in legacy context", Legacy(field: "context", value: nested));
            yield return new FuzzRequest($"deep {name} batch", Utf8(nested), "application/cloudevents-batch+json");
        }
    }

    private static IEnumerable<FuzzRequest> Base64Data()
    {
        static string B64(string text) => "\"" + Convert.ToBase64String(Utf8(text)) + "\"";
        string[] values =
        [
            "\"!!!\"", "\"====\"", "\"a\"", "\"e30\"", "\"e30=\\n\"", "\"\"", "5", "{}", "[]", "null", B64("not json"), B64("[1]"),
            B64("{\"generation\":{}}"), B64(OddValues.DeepArray), "\"" + Convert.ToBase64String([0xFF, 0xFE, 0x00, 0xED, 0xA0, 0x80]) + "\"",
        ];
        foreach (var value in values)
        {
            var withoutData = StructuredFields(Data()).Where(f => f.Key != "data").ToList();
            yield return StructuredEvent("data_base64", Json([.. withoutData, new("data_base64", value)]));
            yield return StructuredEvent("data_base64 beside data", Json([.. StructuredFields(Data()), new("data_base64", value)]));
        }
    }

    private static IEnumerable<FuzzRequest> LegacyResources() =>
        from resource in OddValues.LegacyResources
        from request in new[] { LegacyEvent("legacy resource", Legacy(field: "resource", value: resource)), LegacyEvent("flat legacy resource", LegacyFlat(field: "resource", value: resource)) }
        select request;

    private static IEnumerable<FuzzRequest> Traces() =>
        OddValues.TraceParents.Select(v => ("traceparent", v)).Concat(OddValues.CloudTraceContexts.Select(v => ("X-Cloud-Trace-Context", v)))
            .Select(h => StructuredEvent($"trace {h.Item1}", Structured(type: "com.example.other")) with { Headers = [new(h.Item1, h.Item2)] });

    private static IEnumerable<FuzzRequest> Encodings()
    {
        foreach (var request in new[] { Binary("binary", Data()), StructuredEvent("structured", Structured()), LegacyEvent("legacy", Legacy()) })
        {
            var body = request.Body!;
            var name = Utf8String(body).IndexOf("notes.txt", StringComparison.Ordinal); // ASCII: a char index is a byte index
            foreach (var bom in ByteMutations.Boms)
            {
                yield return request with { Kind = request.Kind + " BOM", Body = [.. bom, .. body] };
            }

            foreach (var invalid in ByteMutations.InvalidUtf8)
            {
                yield return request with { Kind = request.Kind + " invalid UTF-8 in a string", Body = ByteMutations.Insert(body, name, invalid) };
                yield return request with { Kind = request.Kind + " invalid UTF-8 between tokens", Body = ByteMutations.Insert(body, 1, invalid) };
            }

            yield return request with { Kind = request.Kind + " NUL in a string", Body = ByteMutations.Insert(body, name + 2, [0]) };
            yield return request with { Kind = request.Kind + " NUL at the end", Body = [.. body, 0] };
            yield return request with { Kind = request.Kind + " UTF-16", Body = System.Text.Encoding.Unicode.GetBytes(Utf8String(body)) };
            yield return request with { Kind = request.Kind + " UTF-16 declared", Body = System.Text.Encoding.Unicode.GetBytes(Utf8String(body)), ContentType = request.ContentType + "; charset=utf-16" };
            yield return request with { Kind = request.Kind + " UTF-32", Body = System.Text.Encoding.UTF32.GetBytes(Utf8String(body)) };
        }
    }

    private static FuzzRequest RandomMutation(Random random)
    {
        var type = EventTypes[random.Next(EventTypes.Length)];
        var legacyType = LegacyTypes[random.Next(LegacyTypes.Length)];
        var data = random.Next(2) == 0 ? Data() : Data(DataFields[random.Next(DataFields.Count)].Key, OddValues.Json[random.Next(OddValues.Json.Length)]);
        var request = random.Next(4) switch
        {
            0 => Binary("random binary", data, type),
            1 => StructuredEvent("random structured", Structured(data, type)),
            2 => LegacyEvent("random legacy", Legacy(data, legacyType)),
            _ => LegacyEvent("random flat legacy", LegacyFlat(data)),
        };
        var (names, body) = ByteMutations.Apply(random, request.Body!);
        request = request with { Kind = $"{request.Kind} ({names})", Body = body, Chunked = random.Next(5) == 0 };
        if (request.Headers.Count > 0 && random.Next(3) == 0)
        {
            var name = OddValues.CeHeaderNames[random.Next(OddValues.CeHeaderNames.Length)];
            request = request with { Headers = [.. request.Headers, new(name, OddValues.HeaderValues[random.Next(OddValues.HeaderValues.Length)])] };
        }

        return random.Next(10) == 0 ? request with { ContentType = OddValues.ContentTypes[random.Next(OddValues.ContentTypes.Length)] } : request;
    }

    private static string Utf8String(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
