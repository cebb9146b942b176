using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Storage;
using OpenAI;

namespace DescribeFunction.Benchmarks.Measuring;

/// <summary>
/// Bytes the function's own inline work allocates per image — read the object, build and send the chat request,
/// read the streamed answer — measured in this process with nothing else running: the storage read and the model
/// are in-memory HTTP handlers (the object is served from one array, the request body is drained and discarded), so
/// every byte counted is the function's code and the libraries it calls.
/// </summary>
internal static class InlineAllocations
{
    private const string Answer =
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"A photo.\"},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":300,\"completion_tokens\":3,\"total_tokens\":303}}\n\n" +
        "data: [DONE]\n\n";

    /// <summary>Mean bytes allocated per image over <paramref name="images"/> sequential images, after one warm-up.</summary>
    public static async Task<(double BytesPerImage, long RequestBodyBytes)> MeasureAsync(byte[] image, int images, CancellationToken cancellationToken)
    {
        var settings = new FunctionSettings
        {
            Model = new() { OpenAIApiKey = "benchmark", OpenAIBaseUrl = new Uri("http://model.invalid/v1/"), DescribePrompt = "Describe it." },
            Delivery = new() { ImageDelivery = ImageDelivery.Inline },
        };
        var model = new DrainingModel();
        var chat = ChatClientFactory.Create(settings.Model, "benchmark-project", null, new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(new HttpClient(model)),
        });
        var describer = new ImageDescriber(chat, settings.Model);
        var storage = new StorageObjectReader(new HttpClient(new ObjectServer(image)), new Uri("http://storage.invalid/"), null, settings.Delivery.InlineImageMaxBytes);

        await DescribeOnceAsync(storage, describer, image.Length, cancellationToken);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < images; i++)
        {
            await DescribeOnceAsync(storage, describer, image.Length, cancellationToken);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return ((double)allocated / images, model.LastBodyBytes);
    }

    private static async Task DescribeOnceAsync(StorageObjectReader storage, ImageDescriber describer, long size, CancellationToken cancellationToken)
    {
        var bytes = await storage.ReadAsync("bucket", "large.jpg", 1, cancellationToken);
        var result = await describer.DescribeAsync(DescribeRequest.ForInlineImage(bytes, "image/jpeg"), null, cancellationToken);
        if (result.Text.Length == 0 || bytes.ToMemory().Length != size)
        {
            throw new InvalidOperationException("The in-memory describe did not complete.");
        }
    }

    /// <summary>Serves the object from one array without copying it.</summary>
    private sealed class ObjectServer(byte[] image) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new MemoryStream(image, writable: false));
            content.Headers.ContentLength = image.Length;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }

    /// <summary>Writes the request body into a stream that keeps nothing, then answers a short stream.</summary>
    private sealed class DrainingModel : HttpMessageHandler
    {
        private static readonly byte[] AnswerBytes = Encoding.UTF8.GetBytes(Answer);

        public long LastBodyBytes { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sink = new CountingSink();
            await request.Content!.CopyToAsync(sink, cancellationToken);
            LastBodyBytes = sink.Length;
            var content = new StreamContent(new MemoryStream(AnswerBytes, writable: false));
            content.Headers.ContentType = new("text/event-stream");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }
    }

    private sealed class CountingSink : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }
    }
}
