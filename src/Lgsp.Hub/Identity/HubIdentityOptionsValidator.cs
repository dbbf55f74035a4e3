using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Lgsp.Hub.Storage;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Lgsp.Hub.Identity;

/// <summary>The rules between <see cref="HubIdentityOptions"/> keys and the client list; all problems at once.</summary>
internal sealed partial class HubIdentityOptionsValidator(IHostEnvironment environment, IOptions<StorageOptions> storage) : IValidateOptions<HubIdentityOptions>
{
    private static readonly string[] StandardScopes =
        [OpenIddictConstants.Scopes.OpenId, OpenIddictConstants.Scopes.Profile, OpenIddictConstants.Scopes.OfflineAccess];

    private static readonly string[] KnownGrantTypes =
        [OpenIddictConstants.GrantTypes.AuthorizationCode, OpenIddictConstants.GrantTypes.RefreshToken, OpenIddictConstants.GrantTypes.ClientCredentials];

    public ValidateOptionsResult Validate(string? name, HubIdentityOptions options)
    {
        var errors = new List<string>();
        var production = IdentityMode.IsProduction(environment, storage.Value);
        if (production && options.Issuer is null)
        {
            errors.Add("Identity:Issuer is not set. Every instance of a production hub must issue tokens under the same public URL (e.g. https://sso.tinh.gov.vn/).");
        }

        if (options.Issuer is { } issuer && (!issuer.IsAbsoluteUri || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment)))
        {
            errors.Add("Identity:Issuer must be an absolute URL without query or fragment.");
        }
        else if (options.Issuer is { Scheme: not "https" } && !options.AllowInsecureHttp)
        {
            errors.Add("Identity:Issuer must be https (plain http only with Identity:AllowInsecureHttp in development).");
        }

        if (production && options.AllowInsecureHttp)
        {
            errors.Add("Identity:AllowInsecureHttp is for development only; a production hub serves sign-in over HTTPS.");
        }

        CheckCertificate(errors, "Identity:SigningCertificate", options.SigningCertificate);
        CheckCertificate(errors, "Identity:EncryptionCertificate", options.EncryptionCertificate);
        CheckCertificate(errors, "Identity:DataProtectionCertificate", options.DataProtectionCertificate);

        CheckThrottles(errors, options);

        foreach (var (scope, settings) in options.Scopes)
        {
            if (!ScopeName().IsMatch(scope))
            {
                errors.Add($"Identity:Scopes:{scope}: a scope name is lower-case letters, digits, dots and underscores.");
            }

            if (string.IsNullOrWhiteSpace(settings.DisplayName))
            {
                errors.Add($"Identity:Scopes:{scope}:DisplayName is empty.");
            }
        }

        foreach (var (clientId, client) in options.Clients)
        {
            CheckClient(errors, options, clientId, client);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckClient(List<string> errors, HubIdentityOptions options, string clientId, ClientSettings client)
    {
        var at = $"Identity:Clients:{clientId}";
        if (!ClientId().IsMatch(clientId))
        {
            errors.Add($"{at}: a client id is lower-case letters, digits and dashes.");
        }

        if (string.IsNullOrWhiteSpace(client.DisplayName))
        {
            errors.Add($"{at}:DisplayName is empty.");
        }

        // The value is deliberately not echoed: if it fails this rule it may well be the secret itself.
        if (client.Type == ClientKind.Confidential && (string.IsNullOrEmpty(client.SecretEnvironmentVariable) || !EnvironmentVariableName().IsMatch(client.SecretEnvironmentVariable)))
        {
            errors.Add($"{at}:SecretEnvironmentVariable must name the environment variable holding the client's secret (letters, digits, underscores), never the secret itself.");
        }

        if (client.Type == ClientKind.Public && !string.IsNullOrEmpty(client.SecretEnvironmentVariable))
        {
            errors.Add($"{at} is a public client: it has no secret, remove SecretEnvironmentVariable.");
        }

        if (client.GrantTypes.Count == 0)
        {
            errors.Add($"{at}:GrantTypes is empty.");
        }

        foreach (var grant in client.GrantTypes.Where(g => !KnownGrantTypes.Contains(g, StringComparer.Ordinal)))
        {
            errors.Add($"{at}:GrantTypes has '{grant}'; the hub offers {string.Join(", ", KnownGrantTypes)}.");
        }

        var code = client.GrantTypes.Contains(OpenIddictConstants.GrantTypes.AuthorizationCode, StringComparer.Ordinal);
        if (client.Type == ClientKind.Public && client.GrantTypes.Contains(OpenIddictConstants.GrantTypes.ClientCredentials, StringComparer.Ordinal))
        {
            errors.Add($"{at} is a public client and cannot use client_credentials.");
        }

        if (client.GrantTypes.Contains(OpenIddictConstants.GrantTypes.RefreshToken, StringComparer.Ordinal) && !code)
        {
            errors.Add($"{at}: refresh_token comes with authorization_code.");
        }

        if (!code && (client.RedirectUris.Count > 0 || client.PostLogoutRedirectUris.Count > 0))
        {
            errors.Add($"{at} has redirect URIs but no authorization_code grant.");
        }

        var uris = client.RedirectUris.Select((u, i) => ($"{at}:RedirectUris:{i}", u))
            .Concat(client.PostLogoutRedirectUris.Select((u, i) => ($"{at}:PostLogoutRedirectUris:{i}", u)));
        foreach (var (key, uri) in uris)
        {
            if (!uri.IsAbsoluteUri || !string.IsNullOrEmpty(uri.Fragment))
            {
                errors.Add($"{key} must be an absolute URI without a fragment.");
            }
            else if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || options.AllowInsecureHttp)))
            {
                errors.Add($"{key} must be https (http only on a loopback address, RFC 8252).");
            }
        }

        foreach (var scope in client.Scopes.Where(s => !StandardScopes.Contains(s, StringComparer.Ordinal) && !options.Scopes.ContainsKey(s)))
        {
            errors.Add($"{at}:Scopes has '{scope}', which is not among Identity:Scopes or openid, profile, offline_access.");
        }

        if (client.Scopes.Contains(OpenIddictConstants.Scopes.OfflineAccess, StringComparer.Ordinal)
            && !client.GrantTypes.Contains(OpenIddictConstants.GrantTypes.RefreshToken, StringComparer.Ordinal))
        {
            errors.Add($"{at}:Scopes has offline_access but GrantTypes has no refresh_token.");
        }
    }

    /// <summary>The nested section's ranges (DataAnnotations validation does not descend into it) and the ceiling's rules.</summary>
    private static void CheckThrottles(List<string> errors, HubIdentityOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options.ClientAuthThrottle, new ValidationContext(options.ClientAuthThrottle), results, validateAllProperties: true);
        errors.AddRange(results.Select(r => $"Identity:ClientAuthThrottle:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));

        if (options.MaxFailedSignInsPerAccount <= options.MaxFailedSignIns)
        {
            errors.Add("Identity:MaxFailedSignInsPerAccount must be higher than Identity:MaxFailedSignIns: it is the ceiling over every address, reached only by guessing from many.");
        }

        if (options.AccountLockoutDuration > options.LockoutDuration)
        {
            errors.Add("Identity:AccountLockoutDuration must not be longer than Identity:LockoutDuration: the ceiling's lock also stops the account's owner, so it is the short one.");
        }
    }

    private static void CheckCertificate(List<string> errors, string section, CertificateSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.PrivateKeyPath) && string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            errors.Add($"{section}:PrivateKeyPath is set but {section}:CertificatePath is not.");
        }

        if (!string.IsNullOrEmpty(settings.PasswordEnvironmentVariable) && !EnvironmentVariableName().IsMatch(settings.PasswordEnvironmentVariable))
        {
            errors.Add($"{section}:PasswordEnvironmentVariable must be the name of an environment variable (letters, digits, underscores), never the password itself.");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex ClientId();

    [GeneratedRegex("^[a-z][a-z0-9._]{1,63}$")]
    private static partial Regex ScopeName();
}

/// <summary>
/// Development or embedded (SQLite) hubs may generate what they lack (certificates, secrets, demo accounts); a
/// production hub only uses what is configured: the Production environment (production mode, see
/// <c>Configuration/ProductionMode.cs</c>) whatever the store, and PostgreSQL in any environment but Development.
/// One rule for signing, tokens, client secrets, demo accounts and the message-log key.
/// </summary>
internal static class IdentityMode
{
    public static bool IsProduction(IHostEnvironment environment, StorageOptions storage) =>
        environment.IsProduction() || (!environment.IsDevelopment() && storage.Provider != StorageProvider.Sqlite);
}
