using System.Net;
using DescribeFunction.FirestoreStore;
using DescribeFunction.Local.Emulators;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Tests.Docs;
using DescribeFunction.Tests.EndToEnd;
using DescribeFunction.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DescribeFunction.Tests.Rules;

/// <summary>
/// The shipped <c>docs/firestore/firestore.rules</c>, tested the way Firebase developers test rules: the real function
/// (with <c>OWNER_PATTERN=users/{owner}/**</c>) describes three uploads into Google's Cloud Firestore emulator started
/// with <c>--rules</c>, then <c>tests/rules/firestore-rules.test.js</c> (Google's <c>@firebase/rules-unit-testing</c>
/// and the Firebase JS SDK, run by <c>node --test</c>) reads them as alice, bob and an anonymous user.
/// </summary>
public sealed class FirestoreRulesTests(ITestOutputHelper output)
{
    private const string OwnerPattern = "users/{owner}/**";
    private static readonly string[] Uploads = ["users/alice/x.jpg", "users/bob/y.jpg", "shared/z.jpg"];

    private static string RulesTests => Path.Combine(Repository.Root, "tests", "rules");

    [NodeFact]
    public async Task ShippedRules_LetEachUserReadOnlyTheDescriptionsTheyOwn()
    {
        var rules = Path.Combine(Repository.Root, "docs", "firestore", "firestore.rules");
        Assert.True(File.Exists(rules), $"The shipped rules are not at {rules}.");
        // npm takes a while on a clean checkout and needs no emulator: it runs while the emulator starts.
        var install = NodeTool.InstallAsync(RulesTests);
        await using var emulator = await OfficialFirestoreEmulator.StartAsync(timeout: TimeSpan.FromSeconds(120), rulesFile: rules);
        var settings = new Dictionary<string, string?>
        {
            ["OWNER_PATTERN"] = OwnerPattern,
            // The names the rules file uses.
            ["FIRESTORE_DATABASE"] = "(default)",
            ["FIRESTORE_COLLECTION"] = "imageDescriptions",
            ["FIRESTORE_USAGE_COLLECTION"] = "describeUsage",
        };
        await using (var stack = await FunctionWithStandIns.StartAsync(settings, firestore: LocalFirestore.Existing(emulator.HostPort)))
        {
            foreach (var name in Uploads)
            {
                var response = await stack.UploadAndDeliverAsync(name, DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            var shard = await LedgerShardAsync(stack);
            var installed = await install;
            Assert.True(installed.ExitCode == 0, $"npm could not install the rules tests' packages:{Environment.NewLine}{installed.Output}");

            var run = await NodeTool.TestAsync(RulesTests, "firestore-rules.test.js",
                new Dictionary<string, string>
                {
                    ["FIRESTORE_EMULATOR_HOST"] = emulator.HostPort,
                    ["RULES_PROJECT_ID"] = LocalEnvironment.ProjectId,
                    ["LEDGER_SHARD"] = shard,
                },
                TimeSpan.FromMinutes(3));
            output.WriteLine(run.Output);
        }
    }

    /// <summary>The path of a usage-ledger shard the function's commits incremented (today's, or yesterday's just after midnight).</summary>
    private static async Task<string> LedgerShardAsync(FunctionWithStandIns stack)
    {
        var options = stack.Function.Options;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var day in new[] { today, today.AddDays(-1) })
        {
            var shards = UsageLedgerDocuments.ShardsPath(options.Ledger.FirestoreUsageCollection, day, options.Model.DescribeModel);
            if (await stack.Documents.ListAsync(shards, CancellationToken.None) is [var document, ..])
            {
                return $"{shards}/{document.Id}";
            }
        }

        throw new InvalidOperationException("The function's commits left no usage-ledger shard.");
    }
}
