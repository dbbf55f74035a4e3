using System.Globalization;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Identity;

/// <summary>
/// Brings the database in line with <c>config/identity.json</c> on every start: scopes and clients are created,
/// updated when their configuration changed, and clients no longer configured are removed (with their tokens).
/// Running it again with the same configuration changes nothing. A development or embedded hub also gets its derived
/// client secrets and two demo accounts (<see cref="DevelopmentCredentials"/>). Secrets are never logged.
/// </summary>
internal sealed partial class IdentitySeeder(
    IServiceProvider services,
    IOptions<HubIdentityOptions> options,
    IOptions<StorageOptions> storage,
    IHostEnvironment environment,
    DevelopmentCredentials development,
    TimeProvider time,
    ILogger<IdentitySeeder> logger) : IHostedService
{
    public const string DemoOfficialUserName = "canbo.demo";
    public const string DemoOperatorUserName = "quantri.demo";

    /// <summary>The demo official's agency: Sở Thông tin và Truyền thông of the sample province (DOMAIN.md).</summary>
    public const string DemoAgencyCode = "000.00.14.H56";

    /// <summary>Secrets shorter than this are refused: the secret cache and PBKDF2's 10,000 rounds assume random secrets.</summary>
    public const int MinimumSecretLength = 32;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The token certificates are read now, so a missing or unusable one stops the start with its message.
        _ = services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;
        _ = services.GetRequiredService<KeyRingCertificate>().Value;

        var settings = options.Value;
        var developmentMode = !IdentityMode.IsProduction(environment, storage.Value);
        var secrets = ResolveSecrets(settings, developmentMode);

        // Two instances starting together both try to create what is missing; the loser of a race re-reads and
        // finds it done.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await SeedScopesAsync(scope.ServiceProvider, settings, cancellationToken);
                await SeedClientsAsync(scope.ServiceProvider, settings, secrets, cancellationToken);
                if (developmentMode)
                {
                    await SeedDemoAccountsAsync(scope.ServiceProvider, secrets, cancellationToken);
                }
                else
                {
                    await RefuseDemoAccountsAsync(scope.ServiceProvider);
                }

                break;
            }
            catch (Exception ex) when (attempt < 3 && ex is DbUpdateException or OpenIddictExceptions.ConcurrencyException)
            {
                LogSeedRetry(logger, attempt);
            }
        }

        if (developmentMode)
        {
            development.WriteEnvironmentFile(secrets.OrderBy(s => s.Key, StringComparer.Ordinal));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Each confidential client's secret by its variable's name (plus demo credentials in development).</summary>
    private Dictionary<string, string> ResolveSecrets(HubIdentityOptions settings, bool developmentMode)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var (clientId, client) in settings.Clients.Where(c => c.Value.Type == ClientKind.Confidential))
        {
            var variable = client.SecretEnvironmentVariable!;
            var value = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(value))
            {
                if (!developmentMode)
                {
                    errors.Add($"Identity:Clients:{clientId}:SecretEnvironmentVariable names '{variable}', which is not set in the hub's environment.");
                    continue;
                }

                value = development.Derive(variable);
            }
            else if (value.Length < MinimumSecretLength)
            {
                errors.Add($"The secret of client '{clientId}' (environment variable '{variable}') is shorter than {MinimumSecretLength} characters; use a random one (e.g. `openssl rand -base64 33`).");
                continue;
            }

            secrets[variable] = value;
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Identity: " + string.Join(" ", errors));
        }

        if (developmentMode)
        {
            secrets["LGSP_DEMO_OFFICIAL_USERNAME"] = DemoOfficialUserName;
            secrets["LGSP_DEMO_OFFICIAL_PASSWORD"] = development.Derive("demo-official-password");
            secrets["LGSP_DEMO_OPERATOR_USERNAME"] = DemoOperatorUserName;
            secrets["LGSP_DEMO_OPERATOR_PASSWORD"] = development.Derive("demo-operator-password");
        }

        return secrets;
    }

    private async Task SeedScopesAsync(IServiceProvider provider, HubIdentityOptions settings, CancellationToken ct)
    {
        var manager = provider.GetRequiredService<IOpenIddictScopeManager>();
        foreach (var (name, scope) in settings.Scopes)
        {
            var desired = new OpenIddictScopeDescriptor { Name = name, DisplayName = scope.DisplayName, Resources = { HubScopes.HubAudience } };
            desired.DisplayNames[CultureInfo.GetCultureInfo("vi")] = scope.DisplayName!;
            if (!string.IsNullOrWhiteSpace(scope.DisplayNameEn))
            {
                desired.DisplayNames[CultureInfo.GetCultureInfo("en")] = scope.DisplayNameEn;
            }

            var existing = await manager.FindByNameAsync(name, ct);
            if (existing is null)
            {
                await manager.CreateAsync(desired, ct);
                LogScope(logger, name, "created");
                continue;
            }

            var current = new OpenIddictScopeDescriptor();
            await manager.PopulateAsync(current, existing, ct);
            if (current.DisplayName != desired.DisplayName
                || !current.Resources.SetEquals(desired.Resources)
                || current.DisplayNames.Count != desired.DisplayNames.Count
                || current.DisplayNames.Any(d => !desired.DisplayNames.TryGetValue(d.Key, out var v) || v != d.Value))
            {
                await manager.UpdateAsync(existing, desired, ct);
                LogScope(logger, name, "updated");
            }
        }
    }

    private async Task SeedClientsAsync(IServiceProvider provider, HubIdentityOptions settings, Dictionary<string, string> secrets, CancellationToken ct)
    {
        var manager = provider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var (clientId, client) in settings.Clients)
        {
            var desired = Describe(clientId, client);
            var secret = client.Type == ClientKind.Confidential ? secrets[client.SecretEnvironmentVariable!] : null;
            var existing = await manager.FindByClientIdAsync(clientId, ct);
            if (existing is null)
            {
                desired.ClientSecret = secret;
                await manager.CreateAsync(desired, ct);
                LogClient(logger, clientId, "created");
                continue;
            }

            var current = new OpenIddictApplicationDescriptor();
            await manager.PopulateAsync(current, existing, ct);

            // The stored secret is a PBKDF2 hash: compare by verifying, and keep the hash when it still matches.
            var secretChanged = secret is null
                ? current.ClientSecret is not null
                : !await manager.ValidateClientSecretAsync(existing, secret, ct);
            desired.ClientSecret = secretChanged ? secret : current.ClientSecret;
            if (secretChanged || !SameClient(current, desired))
            {
                await manager.UpdateAsync(existing, desired, ct);
                LogClient(logger, clientId, secretChanged ? "updated (new secret)" : "updated");
            }
        }

        // The configuration is the list of clients: one removed from it no longer gets tokens.
        var stale = new List<object>();
        await foreach (var application in manager.ListAsync(count: null, offset: null, ct))
        {
            if (await manager.GetClientIdAsync(application, ct) is { } id && !settings.Clients.ContainsKey(id))
            {
                stale.Add(application);
            }
        }

        foreach (var application in stale)
        {
            var id = await manager.GetClientIdAsync(application, ct);
            await manager.DeleteAsync(application, ct);
            LogClient(logger, id ?? "?", "removed (no longer configured)");
        }
    }

    internal static OpenIddictApplicationDescriptor Describe(string clientId, ClientSettings client)
    {
        var code = client.GrantTypes.Contains(GrantTypes.AuthorizationCode, StringComparer.Ordinal);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientType = client.Type == ClientKind.Public ? ClientTypes.Public : ClientTypes.Confidential,

            // Every client is a first-party government system registered by the province: no consent screen.
            ConsentType = ConsentTypes.Implicit,
            DisplayName = client.DisplayName,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (client.Type == ClientKind.Confidential)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        if (code)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }

        foreach (var grant in client.GrantTypes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grant);
        }

        foreach (var scope in client.Scopes.Where(s => s != Scopes.OpenId))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        descriptor.RedirectUris.UnionWith(client.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris);
        return descriptor;
    }

    private static bool SameClient(OpenIddictApplicationDescriptor current, OpenIddictApplicationDescriptor desired) =>
        current.ClientType == desired.ClientType
        && current.ConsentType == desired.ConsentType
        && current.DisplayName == desired.DisplayName
        && current.Permissions.SetEquals(desired.Permissions)
        && current.Requirements.SetEquals(desired.Requirements)
        && current.RedirectUris.SetEquals(desired.RedirectUris)
        && current.PostLogoutRedirectUris.SetEquals(desired.PostLogoutRedirectUris);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Scope {Scope} {Change}")]
    private static partial void LogScope(ILogger logger, string scope, string change);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Client {ClientId} {Change}")]
    private static partial void LogClient(ILogger logger, string clientId, string change);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "Demo account {UserName} {Change}")]
    private static partial void LogDemoAccount(ILogger logger, string userName, string change);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Warning, Message = "Seeding identity raced another instance (attempt {Attempt}); retrying")]
    private static partial void LogSeedRetry(ILogger logger, int attempt);
}
