using System.Text.Json;
using System.Text.RegularExpressions;
using DescribeFunction.Tests.Docs;

namespace DescribeFunction.Tests.Deploy;

/// <summary>
/// <c>deploy.sh</c>: what <c>--dry-run</c> prints is what it would run, so the tests read the printed commands.
/// Every <c>gcloud …</c> line is accepted by the installed gcloud's own argument parser, the roles it grants are
/// those of <c>docs/security.md</c>, the indexes it creates are those of <c>docs/firestore/firestore.indexes.json</c>,
/// and <c>--uninstall</c> takes back what it added and nothing else.
/// </summary>
public partial class DeployScriptTests
{
    /// <summary>Settings of a clean clone: no project, no bucket, nothing optional.</summary>
    private static readonly Dictionary<string, string> CleanCloneSettings = new(StringComparer.Ordinal)
    {
        ["FUNCTION_NAME"] = "describe-image",
        ["FUNCTION_REGION"] = "us-central1",
        ["TRIGGER_BUCKET"] = "",
        ["GOOGLE_CLOUD_PROJECT"] = "",
        ["IMAGE_DELIVERY"] = "inline",
    };

    [GcloudFact]
    public async Task EveryCommandOfTheDryRun_IsAcceptedByGcloudsArgumentParser()
    {
        // The settings files stay while gcloud runs: it reads --env-vars-file while parsing.
        var folder = Directory.CreateTempSubdirectory("deploy-test-");
        try
        {
            var full = await DeployScript.WriteSettingsAsync(folder.FullName, DeployScript.FullSettings);
            var clean = await DeployScript.WriteSettingsAsync(folder.FullName, CleanCloneSettings);
            var runs = new[]
            {
                await DeployScript.RunAsync(full, "--dry-run"),
                await DeployScript.RunAsync(full, "--dry-run", "--uninstall", "--delete-data"),
                await DeployScript.RunAsync(clean, "--dry-run"),
            };
            Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Error));
            var lines = runs.SelectMany(r => r.Commands).Where(c => c.StartsWith("gcloud ", StringComparison.Ordinal))
                .Select(c => Regex.Replace(c, @"\s+#.*$", "")).Distinct(StringComparer.Ordinal).ToList();
            var results = await ParseEachAsync(lines);

            // Parsed flags reach the API call, which needs an account: that error means the command was accepted.
            var rejected = results.Where(r => r.Run.ExitCode == 2 || !CredentialError().IsMatch(r.Run.Output + r.Run.Error))
                .Select(r => $"{r.Line}\n  → exit {r.Run.ExitCode}: {(r.Run.Output + r.Run.Error).Trim()}");

            Assert.True(lines.Count >= 30, $"Only {lines.Count} gcloud commands were printed:\n{string.Join('\n', lines)}");
            DocsAssert.NoProblems(rejected);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Runs each line with an empty gcloud configuration (no credentials), a few at once, each with a deadline.</summary>
    private static async Task<(string Line, DeployScript.Result Run)[]> ParseEachAsync(IEnumerable<string> lines)
    {
        // Each gcloud start takes a second or two of CPU.
        using var slots = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount * 2));
        return await Task.WhenAll(lines.Select(async line =>
        {
            await slots.WaitAsync();
            var config = Directory.CreateTempSubdirectory("gcloud-config-");
            try
            {
                var run = await DeployScript.RunBashAsync(["-c", line],
                    new Dictionary<string, string>
                    {
                        ["CLOUDSDK_CONFIG"] = config.FullName,
                        ["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1",
                        ["CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK"] = "1",
                        ["CLOUDSDK_CORE_DISABLE_USAGE_REPORTING"] = "1",
                    },
                    TimeSpan.FromSeconds(120));
                return (line, run);
            }
            finally
            {
                slots.Release();
                config.Delete(recursive: true);
            }
        }));
    }
    [Fact]
    public async Task TheRolesDeployGrants_AreTheRolesOfTheSecurityPage()
    {
        var run = await DeployScript.RunAsync(DeployScript.FullSettings, "--dry-run");
        Assert.True(run.ExitCode == 0, run.Error);

        var granted = Bindings(run, "add-iam-policy-binding").ToHashSet();
        var documented = DocumentedRoles().ToHashSet();

        DocsAssert.NoProblems([
            .. documented.Except(granted).Select(b => $"docs/security.md lists {b}, but deploy.sh does not grant it."),
            .. granted.Except(documented).Select(b => $"deploy.sh grants {b}, which docs/security.md's roles do not list."),
        ]);
        Assert.Equal(8, documented.Count);
    }

    [Fact]
    public async Task Uninstall_RemovesEveryBindingItAdded_ButTheStorageAgentsSharedOne()
    {
        var install = await DeployScript.RunAsync(DeployScript.FullSettings, "--dry-run");
        var uninstall = await DeployScript.RunAsync(DeployScript.FullSettings, "--dry-run", "--uninstall");
        Assert.True(uninstall.ExitCode == 0, uninstall.Error);

        var added = Bindings(install, "add-iam-policy-binding").ToHashSet();
        var removed = Bindings(uninstall, "remove-iam-policy-binding").ToHashSet();

        // The function's deletion takes the binding on its service with it; every storage trigger needs the agent's.
        added.RemoveWhere(b => b.Scope == "service" || b.Identity == "Cloud Storage service agent");
        Assert.Equal(added.Order(), removed.Order());
        Assert.Contains(uninstall.Commands, c => c.StartsWith("gcloud functions delete describe-test ", StringComparison.Ordinal));
        Assert.Contains(uninstall.Commands, c => c.StartsWith("gcloud iam service-accounts delete describe-image@", StringComparison.Ordinal));
        Assert.Contains(uninstall.Commands, c => c.StartsWith("gcloud iam service-accounts delete describe-image-trigger@", StringComparison.Ordinal));
        Assert.Contains(uninstall.Commands, c => c.StartsWith("gcloud pubsub topics delete described-images ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uninstall_NeverDeletesTheBucketOrTheDocuments_UnlessToldTo()
    {
        var uninstall = await DeployScript.RunAsync(DeployScript.FullSettings, "--dry-run", "--uninstall");
        var withData = await DeployScript.RunAsync(DeployScript.FullSettings, "--dry-run", "--uninstall", "--delete-data");

        Assert.DoesNotContain(uninstall.Commands, c => c.Contains("buckets delete", StringComparison.Ordinal) || c.Contains("storage rm", StringComparison.Ordinal));
        Assert.DoesNotContain(uninstall.Commands, c => c.Contains("firestore bulk-delete", StringComparison.Ordinal) || c.Contains("databases delete", StringComparison.Ordinal));
        Assert.DoesNotContain(withData.Commands, c => c.Contains("buckets delete", StringComparison.Ordinal) || c.Contains("databases delete", StringComparison.Ordinal));
        var delete = Assert.Single(withData.Gcloud, w => w.Take(3).SequenceEqual(["gcloud", "firestore", "bulk-delete"]));
        Assert.Equal("testDescriptions,describeUsage,shards,grants", DeployScript.Option(delete, "--collection-ids"));
        Assert.Equal("images", DeployScript.Option(delete, "--database"));
    }

    [Fact]
    public async Task TheIndexesDeployCreates_AreThoseOfFirestoreIndexesJson()
    {
        var run = await DeployScript.RunAsync(DeployScript.FullSettings, "--dry-run");
        var creates = run.Gcloud.Where(w => w.Take(5).SequenceEqual(["gcloud", "firestore", "indexes", "composite", "create"])).ToList();

        Assert.All(creates, w => Assert.Equal("testDescriptions", DeployScript.Option(w, "--collection-group")));
        Assert.All(creates, w => Assert.Equal("images", DeployScript.Option(w, "--database")));
        var created = creates.Select(w => string.Join(" + ", DeployScript.Options(w, "--field-config").Select(FieldOfFlag))).Order().ToList();
        var declared = DeclaredIndexes().Order().ToList();

        Assert.Equal(declared, created);
        Assert.All(creates.SelectMany(w => DeployScript.Options(w, "--field-config")).Where(f => f.Contains("vector-config", StringComparison.Ordinal)),
            f => Assert.Contains("\"dimension\":\"256\"", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutEmbeddings_NoVectorIndexIsCreated()
    {
        var run = await DeployScript.RunAsync(CleanCloneSettings, "--dry-run");

        Assert.DoesNotContain(run.Commands, c => c.Contains("vector-config", StringComparison.Ordinal));
        Assert.Equal(3, run.Gcloud.Count(w => w.Contains("composite")));
    }

    [Fact]
    public async Task DryRun_OnACleanClone_NeedsNoSettingsAndRunsNothing()
    {
        // A PATH without gcloud or firebase: the dry run must not call them.
        var folder = Directory.CreateTempSubdirectory("deploy-path-");
        try
        {
            foreach (var tool in new[] { "sed", "tail", "dirname", "basename", "cat" })
            {
                var found = new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).First(File.Exists);
                File.CreateSymbolicLink(Path.Combine(folder.FullName, tool), found);
            }

            var settings = Path.Combine(folder.FullName, "settings.yaml");
            await File.WriteAllLinesAsync(settings, CleanCloneSettings.Select(s => $"{s.Key}: \"{s.Value}\""));
            var run = await DeployScript.RunBashAsync(["deploy.sh", "--dry-run", "--config", settings],
                new Dictionary<string, string> { ["PATH"] = folder.FullName });

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Empty(run.Error);
            Assert.All(run.Commands, c => Assert.Matches(@"^(gcloud |\(cd docs/firestore && firebase )", c));
            Assert.Contains(run.Commands, c => c.StartsWith("gcloud functions deploy describe-image ", StringComparison.Ordinal));
            Assert.Contains("# GOOGLE_CLOUD_PROJECT is blank", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheProject_ComesFromTheProjectOption_BeforeTheSettings()
    {
        var run = await DeployScript.RunAsync(DeployScript.FullSettings, "--dry-run", "--project", "other-project-9");

        Assert.All(run.Gcloud.Where(w => w[1] != "projects"), w => Assert.Equal("other-project-9", DeployScript.Option(w, "--project")));
        var deploy = Assert.Single(run.Gcloud, w => w.Take(3).SequenceEqual(["gcloud", "functions", "deploy"]));
        Assert.Equal("describe-image@other-project-9.iam.gserviceaccount.com", DeployScript.Option(deploy, "--service-account"));
        Assert.Equal("describe-image-trigger@other-project-9.iam.gserviceaccount.com", DeployScript.Option(deploy, "--trigger-service-account"));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--dry-run --delete-data")]
    [InlineData("--project")]
    public async Task AWrongOption_IsOneSentence_AndExitCode2(string arguments)
    {
        var run = await DeployScript.RunAsync(DeployScript.FullSettings, arguments.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Matches(@"^deploy\.sh: [^\n]+\.\n$", run.Error);
    }

    [Fact]
    public async Task Help_PrintsEveryOption_AndRunsNothing()
    {
        var run = await DeployScript.RunBashAsync(["deploy.sh", "--help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--dry-run", "--uninstall", "--delete-data", "--project", "--config", "--help" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(run.Output.Split('\n'), l => l.StartsWith("gcloud ", StringComparison.Ordinal));
    }

    [Fact]
    public void ShellWords_SplitsAsBashDoes()
    {
        Assert.Equal(
            ["gcloud", "a", "--display-name=it's here", "--database=(default)", "--format=value(x)"],
            DeployScript.ShellWords(@"gcloud a '--display-name=it'\''s here' --database=\(default\) '--format=value(x)'  # exists?"));
    }

    /// <summary>One role binding: who, which role, and on what (project, bucket, topic or service).</summary>
    private sealed record Binding(string Identity, string Role, string Scope) : IComparable<Binding>
    {
        public int CompareTo(Binding? other) => string.CompareOrdinal(ToString(), other?.ToString());

        public override string ToString() => $"{Role} for the {Identity} on the {Scope}";
    }

    private static IEnumerable<Binding> Bindings(DeployScript.Result run, string verb) =>
        run.Gcloud.Where(w => w.Contains(verb)).Select(w => new Binding(
            IdentityOfMember(DeployScript.Option(w, "--member")!),
            DeployScript.Option(w, "--role")!,
            w[1] switch
            {
                "projects" => "project",
                "storage" => "bucket",
                "pubsub" => "topic",
                "run" => "service",
                _ => $"unknown scope ({string.Join(' ', w.Take(3))})",
            }));

    private static string IdentityOfMember(string member) => member switch
    {
        _ when member.StartsWith("serviceAccount:describe-image@", StringComparison.Ordinal) => "function's service account",
        _ when member.StartsWith("serviceAccount:describe-image-trigger@", StringComparison.Ordinal) => "trigger's service account",
        _ when member.EndsWith("@gs-project-accounts.iam.gserviceaccount.com", StringComparison.Ordinal) => "Cloud Storage service agent",
        _ when member.EndsWith("@gcp-sa-aiplatform.iam.gserviceaccount.com", StringComparison.Ordinal) => "Vertex AI service agent",
        _ => $"unknown member {member}",
    };

    /// <summary>
    /// The two tables of docs/security.md's Roles section: the function's service account's roles (first cell), then
    /// identity and roles. The backfill job's paragraph after them is not deploy.sh's: it deploys no job.
    /// </summary>
    private static IEnumerable<Binding> DocumentedRoles()
    {
        var page = Repository.Read("docs/security.md");
        var start = page.IndexOf("\n## Roles", StringComparison.Ordinal);
        var end = page.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var tables = Markdown.TableRows(page[start..end]).Where(r => r.Cells[0] is not ("role" or "identity") && !r.Cells[0].StartsWith("---", StringComparison.Ordinal));
        foreach (var (_, cells) in tables)
        {
            var (identity, roles) = cells.Length == 2
                ? ("function's service account", cells[0])
                : (cells[0] switch
                {
                    var c when c.Contains("trigger", StringComparison.Ordinal) => "trigger's service account",
                    var c when c.Contains("gs-project-accounts", StringComparison.Ordinal) => "Cloud Storage service agent",
                    var c when c.Contains("gcp-sa-aiplatform", StringComparison.Ordinal) => "Vertex AI service agent",
                    var c => $"unknown identity {c}",
                }, cells[1]);
            var scope = roles.Contains("bucket", StringComparison.Ordinal) ? "bucket"
                : roles.Contains("topic", StringComparison.Ordinal) ? "topic" : "project";
            var matches = RolePattern().Matches(roles).Select(m => m.Value).ToList();
            for (var i = 0; i < matches.Count; i++)
            {
                // "roles/eventarc.eventReceiver and roles/run.invoker (on the service)": the parenthesis is the last role's.
                var own = i == matches.Count - 1 && roles.Contains("(on the service)", StringComparison.Ordinal) ? "service" : scope;
                yield return new Binding(identity, matches[i], own);
            }
        }
    }

    /// <summary>Each index of firestore.indexes.json as "field:order + field:order" (vectors as "field:vector").</summary>
    private static IEnumerable<string> DeclaredIndexes()
    {
        using var json = JsonDocument.Parse(Repository.Read("docs/firestore/firestore.indexes.json"));
        foreach (var index in json.RootElement.GetProperty("indexes").EnumerateArray())
        {
            Assert.Equal("imageDescriptions", index.GetProperty("collectionGroup").GetString());
            Assert.Equal("COLLECTION", index.GetProperty("queryScope").GetString());
            yield return string.Join(" + ", index.GetProperty("fields").EnumerateArray().Select(field =>
            {
                var path = field.GetProperty("fieldPath").GetString();
                return field.TryGetProperty("order", out var order) ? $"{path}:{order.GetString()!.ToLowerInvariant()}"
                    : field.TryGetProperty("arrayConfig", out var array) ? $"{path}:{array.GetString()!.ToLowerInvariant()}"
                    : $"{path}:vector";
            }));
        }
    }

    /// <summary>gcloud's <c>field-path=labels,array-config=contains</c> as "labels:contains".</summary>
    private static string FieldOfFlag(string flag)
    {
        var path = Regex.Match(flag, "field-path=([^,]+)").Groups[1].Value;
        var order = Regex.Match(flag, "(?:order|array-config)=([a-z]+)");
        return order.Success ? $"{path}:{order.Groups[1].Value}" : flag.Contains("vector-config=", StringComparison.Ordinal) ? $"{path}:vector" : $"{path}:?";
    }

    [GeneratedRegex(@"roles/[A-Za-z]+\.[A-Za-z]+")]
    private static partial Regex RolePattern();

    [GeneratedRegex("You do not currently have an active account selected|gcloud auth login|credentials", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialError();
}
