using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DescribeFunction.Tests.Conformance;

/// <summary>Sends a scenario's requests to one server, in a project of its own emptied first, and normalizes each answer.</summary>
public static partial class ScenarioRunner
{
    public const string Database = "(default)";

    public static async Task<IReadOnlyList<string>> RunAsync(HttpClient http, Scenario scenario, string project)
    {
        using (var reset = new HttpRequestMessage(HttpMethod.Delete, $"/emulator/v1/projects/{project}/databases/{Database}/documents"))
        {
            using var answer = await http.SendAsync(reset);
            answer.EnsureSuccessStatusCode();
        }

        var normalizer = new ResponseNormalizer();
        var replies = new List<JsonNode?>();
        var results = new List<string>();
        foreach (var step in scenario.Steps)
        {
            var path = Substitute(step.Path, project, replies);
            var url = path.StartsWith("//", StringComparison.Ordinal)
                ? path[1..]
                : $"/v1/projects/{project}/databases/{Database}/documents{path}";
            using var request = new HttpRequestMessage(new HttpMethod(step.Method), url);
            if (step.Authorization is not null)
            {
                request.Headers.Authorization = AuthenticationHeaderValue.Parse(step.Authorization);
            }

            if (step.Body is not null)
            {
                request.Content = new StringContent(Substitute(step.Body, project, replies), Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            JsonNode? body;
            try
            {
                body = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                body = JsonValue.Create("<not JSON> " + text[..Math.Min(text.Length, 200)]);
            }

            replies.Add(body);
            results.Add(normalizer.Normalize((int)response.StatusCode, body, step.Opaque));
        }

        return results;
    }

    /// <summary>A project id of the scenario's own, so scenarios never see each other's documents.</summary>
    public static string ProjectFor(Scenario scenario)
    {
        var slug = NonSlug().Replace(scenario.Name.ToLowerInvariant(), "-").Trim('-');
        return $"conf-{slug[..Math.Min(slug.Length, 40)].TrimEnd('-')}-{Hash(scenario.Name)}";
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..6];

    private static string Substitute(string template, string project, List<JsonNode?> replies)
    {
        var docs = $"projects/{project}/databases/{Database}/documents";
        var text = template.Replace("{docs}", docs, StringComparison.Ordinal).Replace("{project}", project, StringComparison.Ordinal);
        return Reference().Replace(text, match =>
        {
            JsonNode? node = replies[int.Parse(match.Groups["step"].Value, CultureInfo.InvariantCulture)];
            foreach (Match part in PathPart().Matches(match.Groups["path"].Value))
            {
                node = part.Groups["index"].Success
                    ? node?[int.Parse(part.Groups["index"].Value, CultureInfo.InvariantCulture)]
                    : node?[part.Groups["name"].Value];
            }

            return node?.GetValue<string>() ?? throw new InvalidOperationException($"The scenario refers to {match.Value}, which that step's answer does not hold.");
        });
    }

    [GeneratedRegex(@"\{\$(?<step>\d+)(?<path>(\.[A-Za-z_]+|\[\d+\])*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\.(?<name>[A-Za-z_]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathPart();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
