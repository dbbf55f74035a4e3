using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Identity.Federation;
using Lgsp.Hub.Identity.Throttling;
using Lgsp.Hub.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Microsoft.Extensions.DependencyInjection;

internal static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// Single sign-on: the OpenID Connect provider (OpenIddict server, its entities in <see cref="HubDbContext"/>),
    /// local accounts (ASP.NET Core Identity: hashed passwords, lockout, security stamp) with the sign-in pages,
    /// clients and scopes seeded from <c>config/identity.json</c>, and the validation of the hub's own access tokens
    /// for its APIs (<see cref="ApiAuthorization"/>). See <c>src/Lgsp.Hub/Identity/README.md</c>.
    /// </summary>
    public static IServiceCollection AddLgspIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<HubIdentityOptions>()
            .Bind(configuration.GetSection(HubIdentityOptions.SectionName))
            .ValidateDataAnnotations();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HubIdentityOptions>, HubIdentityOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HubIdentityOptions>, AdminLevelValidator>());
        var settings = configuration.GetSection(HubIdentityOptions.SectionName).Get<HubIdentityOptions>() ?? new HubIdentityOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenCertificates>();
        services.TryAddSingleton<DevelopmentCredentials>();
        services.TryAddSingleton<VerifiedSecretCache>();
        services.TryAddSingleton<ClientSecretHashing>();
        services.TryAddSingleton<ClientAuthThrottle>();
        services.TryAddSingleton<SignInThrottle>();
        services.TryAddSingleton<RevokedAccessTokens>();
        services.TryAddSingleton<ValidatedAccessTokens>();
        services.TryAddScoped<TokenPrincipals>();
        services.TryAddSingleton<AdminAssurance>();
        services.TryAddScoped<AccountSignIn>();

        AddAccounts(services, settings);
        AddDataProtection(services);
        AddOpenIddict(services, settings);
        NationalPortalFederation.AddNationalPortalFederation(services, configuration, settings);

        services.AddAuthorization(o => ApiAuthorization.AddPolicies(o, settings.Scopes.Keys));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, ScopeRequirementHandler>());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ScopeAwareResultHandler>();

        services.AddRazorPages(o => o.RootDirectory = "/Identity/Pages");

        // Vietnamese text as text, not as &#x...; entities (still HTML-encoded where it matters).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = settings.AllowInsecureHttp ? "lgsp.antiforgery" : "__Host-lgsp.antiforgery";
            o.Cookie.SecurePolicy = settings.AllowInsecureHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        // After storage (hosted services start in order): the tables must exist.
        services.AddHostedService<IdentitySeeder>();
        services.AddHostedService<RevokedAccessTokensRefresher>();
        return services;
    }

    private static void AddAccounts(IServiceCollection services, HubIdentityOptions settings)
    {
        services.AddIdentityCore<HubAccount>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_@";

                // NIST SP 800-63B: length, no composition rules (they push people to predictable passwords).
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                // An administrator can still lock an account (LockoutEnd); wrong passwords are counted per (user name,
                // address) with a ceiling per user name instead (SignInThrottle), never in the account's row.
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<HubRole>()
            .AddEntityFrameworkStores<HubDbContext>()
            .AddSignInManager();

        services.AddAuthentication(o =>
            {
                // Pages use the sign-in session; APIs name the bearer scheme in their policies (ApiAuthorization).
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(cookies =>
            {
                cookies.ApplicationCookie?.Configure(o =>
                {
                    o.Cookie.Name = settings.AllowInsecureHttp ? "lgsp.session" : "__Host-lgsp.session";
                    o.Cookie.HttpOnly = true;
                    o.Cookie.SecurePolicy = settings.AllowInsecureHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

                    // Lax: the portal sends the browser here with a top-level GET, which must carry the session.
                    o.Cookie.SameSite = SameSiteMode.Lax;
                    o.ExpireTimeSpan = settings.SessionLifetime;
                    o.SlidingExpiration = true;
                    o.LoginPath = "/account/login";
                    o.LogoutPath = ConnectEndpoints.Logout;
                    o.AccessDeniedPath = "/account/login";
                });
                cookies.ExternalCookie?.Configure(o =>
                {
                    o.Cookie.Name = settings.AllowInsecureHttp ? "lgsp.external" : "__Host-lgsp.external";
                    o.Cookie.SecurePolicy = settings.AllowInsecureHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                });
            });

        // A locked, deleted or re-passworded account loses its session within minutes, not at cookie expiry.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
    }

    /// <summary>
    /// One key ring for every instance: the keys behind the session, antiforgery and federation cookies live in the
    /// database (not in each machine's profile or content root), under one application name (not the content root
    /// path, the default), encrypted at rest with <see cref="HubIdentityOptions.DataProtectionCertificate"/>, so a
    /// sign-in started at one instance finishes at any other.
    /// </summary>
    private static void AddDataProtection(IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<HubDbContext>();
        services.TryAddSingleton<KeyRingCertificate>();
        services.AddOptions<KeyManagementOptions>().Configure<KeyRingCertificate>((o, certificate) =>
            o.XmlEncryptor = new KeyRingEncryptor(certificate));
    }

    public const string DataProtectionApplicationName = "lgsp-hub";

    private static void AddOpenIddict(IServiceCollection services, HubIdentityOptions settings)
    {
        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<HubDbContext>();
                core.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, CachingApplicationManager>();
            })
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(ConnectEndpoints.Authorize[1..])
                    .SetTokenEndpointUris(ConnectEndpoints.Token[1..])
                    .SetUserInfoEndpointUris(ConnectEndpoints.UserInfo[1..])
                    .SetIntrospectionEndpointUris(ConnectEndpoints.Introspect[1..])
                    .SetRevocationEndpointUris(ConnectEndpoints.Revoke[1..])
                    .SetEndSessionEndpointUris(ConnectEndpoints.Logout[1..])
                    .SetJsonWebKeySetEndpointUris(ConnectEndpoints.Jwks[1..]);

                server.AllowAuthorizationCodeFlow()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow()
                    .RequireProofKeyForCodeExchange();
                server.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, .. settings.Scopes.Keys]);
                server.RegisterClaims(
                    Claims.Subject, Claims.Name, Claims.PreferredUsername, HubClaims.Acr, HubClaims.Amr, HubClaims.AuthTime,
                    HubClaims.AccountType, HubClaims.PersonalId, HubClaims.EnterpriseCode, HubClaims.AgencyCode, HubClaims.TechId);

                if (settings.Issuer is not null)
                {
                    server.SetIssuer(settings.Issuer);
                }

                server.SetAccessTokenLifetime(settings.AccessTokenLifetime)
                    .SetIdentityTokenLifetime(settings.IdentityTokenLifetime)
                    .SetAuthorizationCodeLifetime(settings.AuthorizationCodeLifetime)
                    .SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(settings.RefreshTokenReuseLeeway > TimeSpan.Zero ? settings.RefreshTokenReuseLeeway : null)

                    // Rolling refresh tokens are OpenIddict's default; the family keeps its first expiry.
                    .DisableSlidingRefreshTokenExpiration();

                // The same rule as OpenIddict's scope-permission check, answered invalid_scope: it replaces that check.
                server.RemoveEventHandler(OpenIddictServerHandlers.Exchange.ValidateScopePermissions.Descriptor);
                server.AddEventHandler(UnpermittedScopes.Descriptor);
                server.AddEventHandler(IntrospectionScopes.Descriptor);

                // Failed client authentication: 429 per client id and source address; unknown clients cost a wrong secret's PBKDF2.
                foreach (var handler in ClientAuthThrottleHandlers.Descriptors)
                {
                    server.AddEventHandler(handler);
                }

                // RFC 7009 for every access token, with or without a row: the revocation list (RevokedAccessTokens).
                server.RemoveEventHandler(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor);
                server.AddEventHandler(AccessTokenRevocation.Descriptor);
                server.AddEventHandler(RefuseRevokedAccessTokensAtServer.Descriptor);
                server.AddEventHandler(ClientCredentialsAccessTokens.Descriptor(
                    storeEntries: settings.ValidateTokenEntries, encrypt: settings.EncryptClientCredentialsTokens));

                server.Configure(o =>
                {
                    // S256 only (OAuth 2.0 Security BCP): 'plain' gives no protection against a leaked code.
                    o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);

                    // Clients authenticate with a secret (basic or post); none is registered with a key set, so a
                    // private_key_jwt assertion could never succeed: discovery must not offer it (RFC 8414 §2).
                    o.ClientAuthenticationMethods.Remove(ClientAuthenticationMethods.PrivateKeyJwt);
                    o.ClientAssertionTypes.Clear();
                    o.TokenValidationParameters.ClockSkew = ClockSkew;
                });

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (settings.AllowInsecureHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                // The hub validates its own tokens in process, with the server's keys: no introspection round trip.
                validation.UseLocalServer();
                validation.UseAspNetCore();
                validation.AddAudiences(HubScopes.HubAudience);
                validation.Configure(o => o.TokenValidationParameters.ClockSkew = ClockSkew);
                validation.AddEventHandler(RefuseRevokedAccessTokens.Descriptor);

                // A token's signature is checked once per instance; expiry, audience and revocation on every request.
                foreach (var handler in AccessTokenValidationCacheHandlers.Descriptors)
                {
                    validation.AddEventHandler(handler);
                }
                if (settings.ValidateTokenEntries)
                {
                    validation.EnableTokenEntryValidation();
                    validation.EnableAuthorizationEntryValidation();
                }
            });

        // The certificates need the hub's services (paths, clock, logs), so they join the server's options here.
        services.AddOptions<OpenIddictServerOptions>().Configure<TokenCertificates>((o, certificates) =>
        {
            var signing = certificates.LoadSigning();
            o.SigningCredentials.Add(TokenCertificates.SigningCredentialsOf(signing));
            o.EncryptionCredentials.Add(new EncryptingCredentials(new X509SecurityKey(certificates.LoadEncryption()), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
    }

    private static readonly TimeSpan ClockSkew = HubIdentityOptions.TokenClockSkew;

    /// <summary>Authentication (session cookie or bearer token) and authorization, with safe headers on the pages.</summary>
    public static WebApplication UseLgspIdentity(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/account") && !context.Request.Path.StartsWithSegments("/connect"))
            {
                return next(context);
            }

            // Sign-in pages must never be framed (clickjacking), sniffed or leak the URL (it carries the OIDC request).
            var headers = context.Response.Headers;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Sign-in pages, the OpenID Connect endpoints and <c>/api/v1/me</c>.</summary>
    public static WebApplication MapLgspIdentity(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapConnectEndpoints();
        app.MapNationalPortalFederation();
        app.MapMeApi();
        app.MapClientsApi();
        return app;
    }
}
