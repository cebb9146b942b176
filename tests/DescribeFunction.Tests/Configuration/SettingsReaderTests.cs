using DescribeFunction.Configuration;

namespace DescribeFunction.Tests.Configuration;

public class SettingsReaderTests
{
    private static SettingsReader Reader(params (string Key, string? Value)[] values) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void Read_WithNothingSet_UsesTheDocumentedDefaults()
    {
        var reader = Reader();
        var options = FunctionSettings.Read(reader);

        Assert.Empty(reader.Errors);
        Assert.Null(options.Cloud.GoogleCloudProject);
        Assert.Equal("global", options.Model.VertexLocation);
        Assert.Equal("google/gemini-3.8-flash", options.Model.DescribeModel);
        Assert.Equal(ImageDelivery.GcsUri, options.Delivery.ImageDelivery);
        Assert.Equal("(default)", options.Store.FirestoreDatabase);
        Assert.Equal("imageDescriptions", options.Store.FirestoreCollection);
        Assert.False(options.Store.ProgressiveWrites);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Store.ProgressiveInterval);
        // The rest of docs/configuration.md.
        Assert.Equal(ModelSettings.DefaultPrompt, options.Model.DescribePrompt);
        Assert.Equal(8192, options.Model.DescribeMaxOutputTokens);
        Assert.Null(options.Model.DescribeTemperature);
        Assert.Null(options.Model.DescribeReasoningEffort);
        Assert.Null(options.Model.OpenAIBaseUrl);
        Assert.Null(options.Model.OpenAIApiKey);
        Assert.Null(options.Cloud.StorageEmulatorHost);
        Assert.Null(options.Cloud.FirestoreEmulatorHost);
        Assert.Null(options.Cloud.MetadataHost);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Reliability.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(240), options.Reliability.DescribeDeadline);
        Assert.Equal(5, options.Reliability.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Reliability.DuplicateWait);
        Assert.Null(options.Filter.TriggerBucket);
        Assert.Equal(["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"], options.Filter.ImageContentTypes);
        Assert.Empty(options.Filter.IncludeNames);
        Assert.Empty(options.Filter.ExcludeNames);
        Assert.Null(options.Filter.OwnerPattern);
        Assert.Equal(20971520, options.Filter.MaxObjectBytes);
        Assert.Equal(DeletePolicy.Keep, options.Filter.OnDelete);
        Assert.Equal(15 * 1024 * 1024, options.Delivery.InlineImageMaxBytes);
        Assert.Equal("describeUsage", options.Ledger.FirestoreUsageCollection);
        Assert.Equal(10, options.Ledger.UsageShards);
        Assert.Null(options.Spend.DailyImageBudget);
        Assert.Null(options.Spend.DailyTokenBudget);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Spend.BudgetRefresh);
        Assert.Equal((BudgetMode.Strict, 16), (options.Spend.BudgetMode, options.Spend.GrantShards));
        Assert.Equal(32, options.Admission.MaxConcurrentDescribes);
        Assert.Equal(DescribeOutput.Text, options.Model.DescribeOutput);
        Assert.Null(options.Model.DescribeSchemaPath);
        Assert.Null(options.Admission.InlineBytesInFlight);
        Assert.Equal((0, 1, 0, null), (options.Task.TaskIndex, options.Task.TaskCount, options.Task.TaskAttempt, options.Task.Execution));
        Assert.Null(options.Embedding.EmbeddingModel);
        Assert.False(options.Embedding.EmbeddingsOn);
        Assert.Equal(768, options.Embedding.EmbeddingDimensions);
        Assert.Equal(EmbeddingApi.Vertex, options.Embedding.EmbeddingApi);
        Assert.Null(options.Embedding.EmbeddingBaseUrl);
        Assert.Equal("us-central1", options.Embedding.EmbeddingLocation);
        Assert.Null(options.Notices.NotifyTopic);
        Assert.Equal(["done", "failed"], options.Notices.NotifyOn);
        Assert.Null(options.Cloud.PubSubEmulatorHost);
        // Every setting above: a new one fails here until its documented default is asserted too.
        Assert.Equal(54, typeof(FunctionSettings).GetProperties().Sum(topic => topic.PropertyType.GetProperties().Length));
    }

    [Fact]
    public void Read_ReadsEverySettingByItsName()
    {
        var reader = Reader(
            ("GOOGLE_CLOUD_PROJECT", "my-project-1"), ("VERTEX_LOCATION", "europe-west4"), ("DESCRIBE_MODEL", "google/gemini-3.8-pro"),
            ("DESCRIBE_PROMPT", "Caption it."), ("DESCRIBE_MAX_OUTPUT_TOKENS", "1024"), ("DESCRIBE_TEMPERATURE", "0.2"),
            ("DESCRIBE_REASONING_EFFORT", "LOW"), ("OPENAI_BASE_URL", "http://127.0.0.1:8682/v1"), ("OPENAI_API_KEY", "k"),
            ("IMAGE_DELIVERY", "Inline"), ("STORAGE_EMULATOR_HOST", "http://127.0.0.1:8683"), ("FIRESTORE_EMULATOR_HOST", "127.0.0.1:8681"),
            ("FIRESTORE_DATABASE", "descriptions"), ("FIRESTORE_COLLECTION", "captions"), ("PROGRESSIVE_WRITES", "true"), ("PROGRESSIVE_INTERVAL", "250ms"));
        var options = FunctionSettings.Read(reader);

        Assert.Empty(reader.Errors);
        Assert.Equal("my-project-1", options.Cloud.GoogleCloudProject);
        Assert.Equal("europe-west4", options.Model.VertexLocation);
        Assert.Equal("google/gemini-3.8-pro", options.Model.DescribeModel);
        Assert.Equal("Caption it.", options.Model.DescribePrompt);
        Assert.Equal(1024, options.Model.DescribeMaxOutputTokens);
        Assert.Equal(0.2f, options.Model.DescribeTemperature);
        Assert.Equal("low", options.Model.DescribeReasoningEffort);
        Assert.Equal(new Uri("http://127.0.0.1:8682/v1"), options.Model.OpenAIBaseUrl);
        Assert.Equal(ImageDelivery.Inline, options.Delivery.ImageDelivery);
        Assert.Equal("127.0.0.1:8681", options.Cloud.FirestoreEmulatorHost);
        Assert.Equal("captions", options.Store.FirestoreCollection);
        Assert.True(options.Store.ProgressiveWrites);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Store.ProgressiveInterval);
    }

    [Fact]
    public void Read_ReadsTheSpendingSettings()
    {
        var reader = Reader(
            ("FIRESTORE_USAGE_COLLECTION", "spend"), ("USAGE_SHARDS", "256"), ("DAILY_IMAGE_BUDGET", "1000"),
            ("DAILY_TOKEN_BUDGET", "2500000"), ("BUDGET_REFRESH", "2s"), ("MAX_CONCURRENT_DESCRIBES", "8"),
            ("BUDGET_MODE", "Approximate"), ("GRANT_SHARDS", "64"));
        var options = FunctionSettings.Read(reader);

        Assert.Empty(reader.Errors);
        Assert.Equal("spend", options.Ledger.FirestoreUsageCollection);
        Assert.Equal(256, options.Ledger.UsageShards);
        Assert.Equal(1000, options.Spend.DailyImageBudget);
        Assert.Equal(2_500_000, options.Spend.DailyTokenBudget);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Spend.BudgetRefresh);
        Assert.Equal(8, options.Admission.MaxConcurrentDescribes);
        Assert.Equal((BudgetMode.Approximate, 64), (options.Spend.BudgetMode, options.Spend.GrantShards));
    }

    [Theory]
    [InlineData("USAGE_SHARDS", "0")]
    [InlineData("EMBEDDING_DIMENSIONS", "0")]
    [InlineData("EMBEDDING_DIMENSIONS", "2049")]
    [InlineData("EMBEDDING_API", "grpc")]
    [InlineData("EMBEDDING_BASE_URL", "not a url")]
    [InlineData("EMBEDDING_LOCATION", "Mars!")]
    [InlineData("DAILY_IMAGE_BUDGET", "-1")]
    [InlineData("DAILY_TOKEN_BUDGET", "lots")]
    [InlineData("BUDGET_REFRESH", "often")]
    [InlineData("MAX_CONCURRENT_DESCRIBES", "0")]
    [InlineData("FIRESTORE_USAGE_COLLECTION", "a/b")]
    [InlineData("DESCRIBE_MAX_OUTPUT_TOKENS", "-5")]
    [InlineData("DESCRIBE_TEMPERATURE", "hot")]
    [InlineData("PROGRESSIVE_WRITES", "sometimes")]
    [InlineData("PROGRESSIVE_INTERVAL", "soon")]
    [InlineData("OPENAI_BASE_URL", "not a url")]
    [InlineData("IMAGE_DELIVERY", "fax")]
    [InlineData("VERTEX_LOCATION", "US Central")]
    [InlineData("VERTEX_LOCATION", "us_central1")]
    [InlineData("GOOGLE_CLOUD_PROJECT", "a/b")]
    [InlineData("GOOGLE_CLOUD_PROJECT", "X")]
    [InlineData("DESCRIBE_REASONING_EFFORT", "extreme")]
    [InlineData("FIRESTORE_COLLECTION", "a/b")]
    [InlineData("FIRESTORE_EMULATOR_HOST", "localhost")]
    [InlineData("STORAGE_EMULATOR_HOST", "ftp://127.0.0.1:8683")]
    [InlineData("INLINE_IMAGE_MAX_BYTES", "30000000")]
    [InlineData("OPENAI_BASE_URL", "file:///etc/passwd")]
    [InlineData("DESCRIBE_OUTPUT", "xml")]
    public void Read_InvalidValue_GivesOneSentenceNamingTheSetting(string name, string value)
    {
        var reader = Reader((name, value));

        FunctionSettings.Read(reader);

        var error = Assert.Single(reader.Errors);
        Assert.StartsWith($"The setting {name} must be", error, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error, StringComparison.Ordinal);
        Assert.EndsWith(".", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BlankValues_CountAsUnset()
    {
        var reader = Reader(("VERTEX_LOCATION", "  "), ("GOOGLE_CLOUD_PROJECT", ""));
        var options = FunctionSettings.Read(reader);

        Assert.Empty(reader.Errors);
        Assert.Equal("global", options.Model.VertexLocation);
        Assert.Null(options.Cloud.GoogleCloudProject);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData("1.5m", 90000)]
    [InlineData("1h", 3600000)]
    [InlineData("3", 3000)]
    public void DurationText_ParsesUnits(string text, double milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("describe-image", null, true)]
    [InlineData(null, "true", true)]
    public void HostSettings_BindAllInterfacesOnlyInContainersAndCloudRun(string? kService, string? inContainer, bool all)
    {
        var reader = Reader(("K_SERVICE", kService), ("DOTNET_RUNNING_IN_CONTAINER", inContainer));

        var host = HostSettings.Read(reader);

        Assert.Empty(reader.Errors);
        Assert.Equal(8080, host.Port);
        Assert.Equal(all, host.BindAllInterfaces);
        Assert.Equal(kService is not null, host.OnGoogleCloud);
    }

    [Theory]
    [InlineData("DescribeFunction.DescribeImageFunction", true)]
    [InlineData("DescribeImageFunction", true)]
    [InlineData("HelloWorld.Function", false)]
    public void HostSettings_FunctionTargetMustNameThisFunction(string target, bool valid)
    {
        var reader = Reader(("FUNCTION_TARGET", target));

        HostSettings.Read(reader);

        Assert.Equal(valid, reader.Errors.Count == 0);
    }

    [Fact]
    public void YamlFile_IsReadAsFlatSettingsAndNestedMapsFlatten()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "# comment\nDESCRIBE_MODEL: \"google/x\"\nPROGRESSIVE_WRITES: true\nEMPTY: \"\"\nsection:\n  KEY: value\n");
        try
        {
            var configuration = new ConfigurationBuilder().Add(new YamlFileConfigurationSource(path, optional: false)).Build();

            Assert.Equal("google/x", configuration["DESCRIBE_MODEL"]);
            Assert.Equal("true", configuration["PROGRESSIVE_WRITES"]);
            Assert.Equal("", configuration["EMPTY"]);
            Assert.Equal("value", configuration["section:KEY"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The operator edits function.yaml, so its values are theirs to choose: only its shape is checked. The defaults
    /// are checked by <see cref="Bind_WithNothingSet_UsesTheDocumentedDefaults"/>.
    /// </summary>
    [Fact]
    public void RepositoryFunctionYaml_IsValidAndNamesSettingsAsEnvironmentVariables()
    {
        var configuration = new ConfigurationBuilder()
            .Add(new YamlFileConfigurationSource(Path.Combine(AppContext.BaseDirectory, "function.yaml"), optional: false)).Build();
        var reader = new SettingsReader(configuration);
        var options = FunctionSettings.Read(reader);

        Assert.Empty(reader.Errors);
        Assert.All(configuration.AsEnumerable(), kv => Assert.Matches("^[A-Z][A-Z0-9_]*$", kv.Key));
    }
}
