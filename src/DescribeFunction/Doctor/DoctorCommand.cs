using DescribeFunction.Configuration;
using DescribeFunction.GoogleCloud;
using DescribeFunction.Hosting;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Doctor;

/// <summary>
/// <c>DescribeFunction doctor</c>: the function's own settings and clients, and one check of each thing it needs
/// (<see cref="DoctorOptions.Usage"/>). Runs beside <c>serve</c>'s stand-ins and as a Cloud Run job with the
/// function's image and identity.
/// </summary>
public static class DoctorCommand
{
    public const string Name = "doctor";

    /// <summary>The time each check has, its network calls included.</summary>
    public static readonly TimeSpan CheckDeadline = TimeSpan.FromSeconds(10);

    public static Task<int> RunAsync(string[] args) => RunAsync(args, settings: null, Console.Out, CancellationToken.None);

    /// <param name="settings">Settings on top of function.yaml and the environment (tests).</param>
    /// <returns>0 when every check passed, 1 when one failed; a bad option throws (exit code 2 from the caller's handler).</returns>
    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = DoctorOptions.Parse(args);
        if (options.Help)
        {
            await output.WriteLineAsync(DoctorOptions.Usage);
            return 0;
        }

        var runner = new DoctorRunner(output, CheckDeadline);
        FunctionSettings function = null!;
        var settingsPassed = await runner.RunAsync(
            new DoctorCheck("Settings", "correct it in function.yaml or the environment (docs/configuration.md).", _ =>
            {
                function = FunctionComposition.ReadCommandSettings(settings);
                var file = FunctionComposition.ConfigFilePath();
                return Task.FromResult(File.Exists(file) ? $"valid ({file} and the environment)." : "valid (the environment; no function.yaml).");
            }),
            cancellationToken);
        if (!settingsPassed)
        {
            return 1;
        }

        GoogleCloudContext google = null!;
        var credentialsPassed = await runner.RunAsync(
            new DoctorCheck("Credentials and project", "set GOOGLE_CLOUD_PROJECT, and on a laptop run `gcloud auth application-default login`.", async ct =>
            {
                google = await GoogleCloudContextLoader.LoadAsync(function, ct);
                return $"project {google.ProjectId}, {await CredentialAsync(function, google, ct)}.";
            }),
            cancellationToken);
        if (!credentialsPassed)
        {
            return 1;
        }

        var clients = new DoctorClients(function, google, CheckDeadline);
        foreach (var check in DoctorChecks.All(clients, options))
        {
            await runner.RunAsync(check, cancellationToken);
        }

        return runner.AllPassed ? 0 : 1;
    }

    /// <summary>Where tokens come from, after one was fetched, so a credential that cannot give one fails here.</summary>
    private static async Task<string> CredentialAsync(FunctionSettings settings, GoogleCloudContext google, CancellationToken cancellationToken)
    {
        if (google.Credential is not ITokenAccess credential)
        {
            return "no Google credential needed (emulators and OPENAI_API_KEY)";
        }

        await credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
        return settings.Cloud.MetadataHost is { } host
            ? $"a token from the metadata server at {host}"
            : "a token from Application Default Credentials";
    }
}
