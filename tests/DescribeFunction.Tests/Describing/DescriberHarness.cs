using System.ClientModel.Primitives;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using Google.Apis.Auth.OAuth2;
using OpenAI;

namespace DescribeFunction.Tests.Describing;

internal static class DescriberHarness
{
    /// <summary>Settings against the fake; settings are fixed once made, so a test names its variations here.</summary>
    public static ModelSettings Options(
        FakeChatEndpoint endpoint,
        string? apiKey = null,
        Uri? baseUrl = null,
        float? temperature = null,
        string? reasoningEffort = null,
        DescribeOutput output = DescribeOutput.Text) => new ModelSettings
        {
            OpenAIBaseUrl = baseUrl ?? endpoint.BaseUrl,
            OpenAIApiKey = apiKey,
            DescribeModel = "google/gemini-test",
            DescribePrompt = "Describe it.",
            DescribeMaxOutputTokens = 1234,
            DescribeTemperature = temperature,
            DescribeReasoningEffort = reasoningEffort,
            DescribeOutput = output,
        };

    /// <summary>A describer against the fake, with the library's retries limited so failures stay fast.</summary>
    public static ImageDescriber Create(ModelSettings options, ITokenAccess? tokens, int maxRetries = 0, TimeSpan? networkTimeout = null)
    {
        var clientOptions = new OpenAIClientOptions
        {
            RetryPolicy = new ImmediateRetryPolicy(maxRetries),
            NetworkTimeout = networkTimeout ?? ChatClientFactory.DefaultNetworkTimeout,
        };
        var client = ChatClientFactory.Create(options, projectId: null, tokens, clientOptions);
        return new ImageDescriber(client, options);
    }

    public static DescribeRequest AnyImage => DescribeRequest.ForGcsObject("bucket", "cat.jpg");

    /// <summary>The library's retry rules without the back-off wait.</summary>
    private sealed class ImmediateRetryPolicy(int maxRetries) : ClientRetryPolicy(maxRetries)
    {
        protected override TimeSpan GetNextDelay(PipelineMessage message, int tryCount) => TimeSpan.Zero;
    }
}
