using Lgsp.Hub.Gateway;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Identity.Federation;
using Lgsp.Hub.Signing;
using Lgsp.Hub.Storage;

namespace Microsoft.Extensions.Configuration;

/// <summary>
/// Production mode: in the <c>Production</c> environment (ASP.NET's default when none is set) the hub uses only what
/// the deployment configured and never generates a certificate, derives a secret or seeds a demo account. Before
/// anything else starts, <see cref="RequireProductionSettings"/> checks every setting production needs and, when any
/// is missing, stops the start with one message listing them all, so an operator fixes the deployment in one pass.
/// <c>./run.sh</c> and the tests run in Development (or Testing), where the embedded defaults still apply.
/// </summary>
internal static class ProductionMode
{
    /// <summary>Secrets shorter than this are refused (the same rule as the identity seeder's).</summary>
    private const int MinimumSecretLength = IdentitySeeder.MinimumSecretLength;

    /// <summary>Throws, listing every missing setting, when a production hub is not fully configured.</summary>
    public static void RequireProductionSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsProduction())
        {
            return;
        }

        var missing = Missing(builder.Configuration);
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Production mode (environment '{builder.Environment.EnvironmentName}'): the hub does not start until every setting below is configured; " +
                $"it never generates certificates or secrets in production. Missing ({missing.Count}):{Environment.NewLine}" +
                string.Join(Environment.NewLine, missing.Select(m => "  - " + m)));
        }
    }

    /// <summary>
    /// What a production hub lacks in <paramref name="configuration"/> and its environment (the process's, or
    /// <paramref name="environment"/>: a deployment's, as its manifests would give it); empty when complete.
    /// </summary>
    internal static IReadOnlyList<string> Missing(IConfiguration configuration, Func<string, string?>? environment = null)
    {
        var variable = environment ?? Environment.GetEnvironmentVariable;
        var missing = new List<string>();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider != StorageProvider.Postgres)
        {
            missing.Add("Storage:Provider=Postgres with Storage:ConnectionString: the embedded SQLite file is one machine's, for development and pilots only.");
        }

        RequireCertificate(missing, configuration, $"{SigningOptions.SectionName}:CertificatePath", "the packet-signing certificate");

        var identity = configuration.GetSection(HubIdentityOptions.SectionName).Get<HubIdentityOptions>() ?? new HubIdentityOptions();
        RequireCertificate(missing, configuration, "Identity:SigningCertificate:CertificatePath", "the token-signing certificate");
        RequireCertificate(missing, configuration, "Identity:EncryptionCertificate:CertificatePath", "the token-encryption certificate");
        RequireCertificate(missing, configuration, "Identity:DataProtectionCertificate:CertificatePath", "the certificate protecting the session key ring in the database");
        if (identity.Issuer is null)
        {
            missing.Add("Identity:Issuer: the public https URL every instance issues tokens under.");
        }
        else if (identity.Issuer is not { IsAbsoluteUri: true, Scheme: "https" })
        {
            missing.Add("Identity:Issuer must be an https URL.");
        }

        if (identity.AllowInsecureHttp)
        {
            missing.Add("Identity:AllowInsecureHttp must be false (unset): sign-in, tokens and cookies travel over HTTPS only.");
        }

        foreach (var (clientId, client) in identity.Clients.Where(c => c.Value.Type == ClientKind.Confidential).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var secretVariable = client.SecretEnvironmentVariable;
            if (string.IsNullOrEmpty(secretVariable))
            {
                missing.Add($"Identity:Clients:{clientId}:SecretEnvironmentVariable: the name of the variable holding the client's secret.");
            }
            else if (variable(secretVariable) is not { Length: >= MinimumSecretLength })
            {
                // The value is never echoed, only whether it is there.
                missing.Add($"the environment variable {secretVariable}: the secret of client '{clientId}' (at least {MinimumSecretLength} random characters).");
            }
        }

        var federation = configuration.GetSection(NationalPortalOptions.SectionName).Get<NationalPortalOptions>() ?? new NationalPortalOptions();
        if (federation.Enabled && string.IsNullOrEmpty(variable(federation.ClientSecretEnvironmentVariable)))
        {
            missing.Add($"the environment variable {federation.ClientSecretEnvironmentVariable}: the hub's client secret at the national identity provider ({NationalPortalOptions.SectionName}:Issuer is set).");
        }

        var keyVariable = configuration["Gateway:MessageLog:KeySecret"] is { Length: > 0 } named ? named : MessageLogOptions.DefaultKeySecret;
        if (string.IsNullOrEmpty(variable(keyVariable)))
        {
            missing.Add($"the environment variable {keyVariable} (Gateway:MessageLog:KeySecret): the message log's key, base64 of at least {SubjectHasher.MinimumKeyBytes} bytes, the same on every instance.");
        }

        if (string.IsNullOrWhiteSpace(configuration[ManagementEndpoint.SettingName]))
        {
            missing.Add($"{ManagementEndpoint.SettingName}: where /metrics, /docs and /openapi are served (e.g. http://10.0.0.5:8081 on the operations network), never on the public endpoint.");
        }

        RequireHttps(missing, configuration);
        return missing;
    }

    private static void RequireCertificate(List<string> missing, IConfiguration configuration, string key, string what)
    {
        if (string.IsNullOrWhiteSpace(configuration[key]))
        {
            missing.Add($"{key}: {what} (the same file on every instance).");
        }
    }

    /// <summary>
    /// Plain HTTP only behind a TLS-terminating proxy the hub is told about (<see cref="ForwardedHeadersSettings"/>);
    /// otherwise every public endpoint is https. Kestrel's default, with nothing configured, is plain http.
    /// </summary>
    private static void RequireHttps(List<string> missing, IConfiguration configuration)
    {
        if (ForwardedHeadersSettings.IsConfigured(configuration))
        {
            return;
        }

        var plain = PublicUrls(configuration).Where(u => !u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)).ToList();
        if (plain.Count > 0)
        {
            missing.Add($"HTTPS: the hub would listen on plain HTTP ({string.Join(", ", plain)}); serve https (urls or Kestrel:Endpoints with a certificate) " +
                $"or name the TLS-terminating proxy in {ForwardedHeadersSettings.SectionName}:KnownProxies or :KnownNetworks.");
        }
    }

    /// <summary>The URLs Kestrel would serve the public API on, as it chooses them (endpoints, then urls, then ports).</summary>
    internal static IReadOnlyList<string> PublicUrls(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().ToList();
        if (endpoints.Count > 0)
        {
            return [.. endpoints.Select(e => e["Url"] ?? string.Empty)];
        }

        if (configuration["urls"] is { Length: > 0 } urls)
        {
            return [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        var ports = Ports(configuration["http_ports"], "http").Concat(Ports(configuration["https_ports"], "https")).ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");
}
