namespace Lgsp.Cli.Hub;

/// <summary>
/// Where the hub is and who the CLI is to it. Options win over environment variables; the secret comes only from
/// <c>LGSP_CLI_SECRET</c> or a file (never from an argument, which other users see in the process list).
/// </summary>
internal sealed record HubSettings(Uri BaseUri, string ClientId, ClientSecret Secret)
{
    public const string HubUrlVariable = "LGSP_HUB_URL";
    public const string ClientIdVariable = "LGSP_CLI_CLIENT_ID";
    public const string SecretVariable = "LGSP_CLI_SECRET";
    public const string DefaultHubUrl = "http://127.0.0.1:8080";
    public const string DefaultClientId = "lgsp-cli";

    public static HubSettings Resolve(string? hubOption, string? clientIdOption, string? secretFile, Func<string, string?> environment)
    {
        var hubText = NonEmpty(hubOption) ?? NonEmpty(environment(HubUrlVariable)) ?? DefaultHubUrl;
        if (!Uri.TryCreate(hubText, UriKind.Absolute, out var hub) || (hub.Scheme != Uri.UriSchemeHttp && hub.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(hub.Query) || !string.IsNullOrEmpty(hub.Fragment))
        {
            throw CliFailure.Usage(
                $"Địa chỉ hub phải là URL http(s) tuyệt đối, ví dụ {DefaultHubUrl}: '{hubText}'.",
                $"The hub address must be an absolute http(s) URL such as {DefaultHubUrl}: '{hubText}'.");
        }

        // A trailing slash makes relative paths (connect/token, admin/v1/…) append to a hub behind a path prefix.
        var baseUri = hub.AbsoluteUri.EndsWith('/') ? hub : new Uri(hub.AbsoluteUri + "/");
        var clientId = NonEmpty(clientIdOption) ?? NonEmpty(environment(ClientIdVariable)) ?? DefaultClientId;
        return new HubSettings(baseUri, clientId, ReadSecret(secretFile, environment));
    }

    private static ClientSecret ReadSecret(string? secretFile, Func<string, string?> environment)
    {
        string? secret;
        if (secretFile is not null)
        {
            try
            {
                secret = File.ReadAllText(secretFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw CliFailure.Usage(
                    $"Không đọc được tệp bí mật '{secretFile}': {e.Message}",
                    $"Cannot read the secret file '{secretFile}': {e.Message}");
            }
        }
        else
        {
            secret = environment(SecretVariable)?.Trim();
        }

        if (string.IsNullOrEmpty(secret))
        {
            throw new CliFailure(ExitCodes.Unauthorized,
                $"Chưa có khóa bí mật của client: đặt biến môi trường {SecretVariable} hoặc dùng --client-secret-file <tệp>.",
                $"No client secret: set {SecretVariable} or pass --client-secret-file <path>.");
        }

        return new ClientSecret(secret);
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The client secret, kept out of every <c>ToString</c> (records print their members).</summary>
internal sealed class ClientSecret(string value)
{
    public string Reveal() => value;

    public override string ToString() => "***";
}
