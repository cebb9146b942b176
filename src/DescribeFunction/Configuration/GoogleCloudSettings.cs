namespace DescribeFunction.Configuration;

/// <summary>Which project, and where Google's services are when emulators or stand-ins take their place.</summary>
public sealed record GoogleCloudSettings
{
    /// <summary>Project for Vertex AI and Firestore; empty means ask the metadata server.</summary>
    public string? GoogleCloudProject { get; init; }

    /// <summary><c>host:port</c> of a Firestore emulator: plain HTTP with <c>Authorization: Bearer owner</c>.</summary>
    public string? FirestoreEmulatorHost { get; init; }

    /// <summary>Cloud Storage JSON API base (for example <c>http://127.0.0.1:8683/</c>) instead of Google's; ends in <c>/</c>.</summary>
    public Uri? StorageEmulatorHost { get; init; }

    /// <summary><c>host:port</c> of a Pub/Sub emulator: plain HTTP, no token (the variable Google's libraries read).</summary>
    public string? PubSubEmulatorHost { get; init; }

    /// <summary><c>host[:port]</c> of the GCE metadata server; set locally to the stand-in, unset on Google Cloud.</summary>
    public string? MetadataHost { get; init; }

    /// <summary>Reads the project and the emulator hosts; problems are reported through <paramref name="settings"/>.</summary>
    public static GoogleCloudSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var cloud = new GoogleCloudSettings
        {
            GoogleCloudProject = settings.GetString("GOOGLE_CLOUD_PROJECT"),
            FirestoreEmulatorHost = settings.GetString("FIRESTORE_EMULATOR_HOST"),
            StorageEmulatorHost = StorageEmulatorUrl(settings),
            PubSubEmulatorHost = settings.GetString("PUBSUB_EMULATOR_HOST"),
            MetadataHost = settings.GetString("GCE_METADATA_HOST"),
        };
        settings.Require(cloud.GoogleCloudProject is null || SettingPatterns.Project().IsMatch(cloud.GoogleCloudProject),
            $"The setting GOOGLE_CLOUD_PROJECT must be a project id (6 to 30 lowercase letters, digits or hyphens), but it is '{cloud.GoogleCloudProject}'.");
        settings.Require(cloud.FirestoreEmulatorHost is null || SettingPatterns.HostPort().IsMatch(cloud.FirestoreEmulatorHost),
            $"The setting FIRESTORE_EMULATOR_HOST must be host:port, but it is '{cloud.FirestoreEmulatorHost}'.");
        settings.Require(cloud.PubSubEmulatorHost is null || SettingPatterns.HostPort().IsMatch(cloud.PubSubEmulatorHost),
            $"The setting PUBSUB_EMULATOR_HOST must be host:port, but it is '{cloud.PubSubEmulatorHost}'.");
        return cloud;
    }

    /// <summary>Google's libraries take <c>host:port</c> or a full URL here; both become the API's base URL.</summary>
    private static Uri? StorageEmulatorUrl(SettingsReader settings)
    {
        var raw = settings.GetString("STORAGE_EMULATOR_HOST");
        var text = raw is null || raw.Contains("://", StringComparison.Ordinal) ? raw : "http://" + raw;
        var valid = Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
        settings.Require(raw is null || valid,
            $"The setting STORAGE_EMULATOR_HOST must be host:port or an http URL such as http://127.0.0.1:8683, but it is '{raw}'.");
        return valid ? new Uri(url!.AbsoluteUri.TrimEnd('/') + "/") : null;
    }
}
