namespace DescribeFunction.Configuration;

/// <summary>The model call: which endpoint and model, what is asked, and in what shape the answer comes.</summary>
public sealed record ModelSettings
{
    public const string DefaultPrompt =
        "Describe this image for someone who cannot see it, in two to four sentences: the subject, the setting, " +
        "notable colours and any legible text. Plain prose, no preamble.";

    public string VertexLocation { get; init; } = "global";

    public string DescribeModel { get; init; } = "google/gemini-3.8-flash";

    public string DescribePrompt { get; init; } = DefaultPrompt;

    /// <summary>Thinking tokens count against this cap, so it is generous.</summary>
    public int DescribeMaxOutputTokens { get; init; } = 8192;

    public float? DescribeTemperature { get; init; }

    /// <summary><c>minimal</c>, <c>low</c>, <c>medium</c> or <c>high</c>; empty leaves it to the model.</summary>
    public string? DescribeReasoningEffort { get; init; }

    /// <summary>Any OpenAI-compatible base URL instead of the derived Vertex one.</summary>
    public Uri? OpenAIBaseUrl { get; init; }

    /// <summary>A static key for non-Google endpoints; empty means Application Default Credentials.</summary>
    public string? OpenAIApiKey { get; init; }

    /// <summary><c>text</c> (prose only) or <c>structured</c> (a JSON object validated against a JSON Schema).</summary>
    public DescribeOutput DescribeOutput { get; init; } = DescribeOutput.Text;

    /// <summary>
    /// In structured mode, the full path of the <c>DESCRIBE_SCHEMA</c> file (resolved against the settings file's
    /// folder); null for the default schema. The structured-output code loads and checks it.
    /// </summary>
    public string? DescribeSchemaPath { get; init; }

    private static readonly Dictionary<string, DescribeOutput> OutputChoices = new()
    {
        ["text"] = DescribeOutput.Text,
        ["structured"] = DescribeOutput.Structured,
    };

    /// <summary>Reads the model settings; problems are reported through <paramref name="settings"/>.</summary>
    public static ModelSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new ModelSettings();
        var model = new ModelSettings
        {
            VertexLocation = settings.GetString("VERTEX_LOCATION", defaults.VertexLocation),
            DescribeModel = settings.GetString("DESCRIBE_MODEL", defaults.DescribeModel),
            DescribePrompt = settings.GetString("DESCRIBE_PROMPT", defaults.DescribePrompt),
            DescribeMaxOutputTokens = settings.GetInt("DESCRIBE_MAX_OUTPUT_TOKENS", defaults.DescribeMaxOutputTokens, 16, 1_000_000),
            DescribeTemperature = settings.GetFloat("DESCRIBE_TEMPERATURE", 0, 2),
            DescribeReasoningEffort = settings.GetString("DESCRIBE_REASONING_EFFORT")?.ToLowerInvariant(),
            OpenAIBaseUrl = settings.GetAbsoluteUri("OPENAI_BASE_URL"),
            OpenAIApiKey = settings.GetString("OPENAI_API_KEY"),
            DescribeOutput = settings.GetChoice("DESCRIBE_OUTPUT", defaults.DescribeOutput, OutputChoices),
            DescribeSchemaPath = settings.GetFilePath("DESCRIBE_SCHEMA"),
        };
        settings.Require(SettingPatterns.Location().IsMatch(model.VertexLocation),
            $"The setting VERTEX_LOCATION must be a Vertex AI location such as global or us-central1, but it is '{model.VertexLocation}'.");
        settings.Require(model.DescribeReasoningEffort is null or "minimal" or "low" or "medium" or "high",
            $"The setting DESCRIBE_REASONING_EFFORT must be one of minimal, low, medium, high, but it is '{model.DescribeReasoningEffort}'.");
        settings.Require(model.DescribeSchemaPath is null || model.DescribeOutput == DescribeOutput.Structured,
            "The setting DESCRIBE_SCHEMA needs DESCRIBE_OUTPUT set to structured, but DESCRIBE_OUTPUT is text.");
        return model;
    }
}

public enum DescribeOutput
{
    /// <summary>Prose only, as the model streams it.</summary>
    Text,

    /// <summary>A JSON object (description, alt text, labels, …) requested through <c>response_format</c>.</summary>
    Structured,
}
