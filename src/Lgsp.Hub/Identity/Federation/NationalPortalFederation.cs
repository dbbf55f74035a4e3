using System.Security.Claims;
using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Storage;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Client.OpenIddictClientEvents;

namespace Lgsp.Hub.Identity.Federation;

/// <summary>
/// Sign-in through the national identity provider (Cổng DVCQG / VNeID): an OpenIddict client registration named
/// <see cref="ProviderName"/> (code flow, PKCE S256, client secret, <c>acr_values</c>), whose authentication scheme
/// gives the sign-in page its button. The provider sends the browser back to <see cref="NationalPortalOptions.CallbackPath"/>;
/// this puts what it said about the person in the external sign-in cookie and goes on to
/// <c>/account/external-login</c>, which links the account and opens the hub's session.
/// </summary>
internal static partial class NationalPortalFederation
{
    /// <summary>The registration's provider name, also the authentication scheme the sign-in page challenges.</summary>
    public const string ProviderName = "NationalPortal";

    public const string DisplayName = "Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia / VNeID";

    /// <summary>The claims kept from the provider for the account linking (the profile's inputs, nothing else).</summary>
    private static readonly HashSet<string> KeptClaims = new(StringComparer.Ordinal)
    {
        NationalPortalClaims.TechId, NationalPortalClaims.AccountType, NationalPortalClaims.PersonalId, NationalPortalClaims.FullName,
        NationalPortalClaims.EnterpriseCode, NationalPortalClaims.TaxCode, NationalPortalClaims.EnterpriseName,
        NationalPortalClaims.LoAs, NationalPortalClaims.Ial, NationalPortalClaims.Acr,
    };

    public static void AddNationalPortalFederation(IServiceCollection services, IConfiguration configuration, HubIdentityOptions identity)
    {
        services.AddOptionsWithValidateOnStart<NationalPortalOptions>().Bind(configuration.GetSection(NationalPortalOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NationalPortalOptions>, NationalPortalOptionsValidator>());
        services.TryAddScoped<NationalAccountLinker>();

        var settings = configuration.GetSection(NationalPortalOptions.SectionName).Get<NationalPortalOptions>() ?? new NationalPortalOptions();
        if (!settings.Enabled)
        {
            return;
        }

        services.AddOpenIddict().AddClient(client =>
        {
            client.AllowAuthorizationCodeFlow();
            client.SetRedirectionEndpointUris(settings.CallbackPath);
            client.AddEventHandler(AttachAcrValues.Descriptor);
            client.AddEventHandler(RedirectChallengeErrors.Descriptor);

            var aspNetCore = client.UseAspNetCore()
                .EnableRedirectionEndpointPassthrough()
                .EnableErrorPassthrough();
            if (identity.AllowInsecureHttp)
            {
                // Development over plain HTTP: the correlation cookie cannot be Secure, and SameSite=None needs Secure;
                // Lax still travels with the provider's top-level redirect back (query response mode).
                aspNetCore.DisableTransportSecurityRequirement().Configure(o =>
                {
                    o.CookieBuilder.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    o.CookieBuilder.SameSite = SameSiteMode.Lax;
                });
            }

            // Discovery, JWKS, token and userinfo calls go through IHttpClientFactory with OpenIddict's standard
            // resilience pipeline (timeouts, retries with jitter, circuit breaker).
            client.UseSystemNetHttp().SetProductInformation(typeof(NationalPortalFederation).Assembly);
        });

        // The registration needs the secret (from the environment) and the state token needs keys: the hub's token
        // certificates, so any instance can finish a sign-in another started.
        services.AddOptions<OpenIddictClientOptions>()
            .Configure<TokenCertificates, IOptions<NationalPortalOptions>, IHostEnvironment, IOptions<StorageOptions>>((o, certificates, national, environment, storage) =>
            {
                o.SigningCredentials.Add(TokenCertificates.SigningCredentialsOf(certificates.LoadSigning()));
                o.EncryptionCredentials.Add(new EncryptingCredentials(new X509SecurityKey(certificates.LoadEncryption()),
                    SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));

                var options = national.Value;
                var secret = Environment.GetEnvironmentVariable(options.ClientSecretEnvironmentVariable);
                if (string.IsNullOrEmpty(secret) && !IdentityMode.IsProduction(environment, storage.Value))
                {
                    secret = NationalPortalOptions.DevelopmentClientSecret;
                }

                var registration = new OpenIddictClientRegistration
                {
                    Issuer = options.Issuer,
                    ProviderName = ProviderName,
                    ProviderDisplayName = DisplayName,
                    ClientId = options.ClientId,
                    ClientSecret = secret,
                    RedirectUri = new Uri(options.CallbackPath, UriKind.Relative),
                };
                registration.Scopes.UnionWith(options.EffectiveScopes);
                registration.GrantTypes.Add(OpenIddictConstants.GrantTypes.AuthorizationCode);
                registration.ResponseTypes.Add(OpenIddictConstants.ResponseTypes.Code);
                registration.CodeChallengeMethods.Add(OpenIddictConstants.CodeChallengeMethods.Sha256);
                o.Registrations.Add(registration);
            });
    }

    public static WebApplication MapNationalPortalFederation(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<NationalPortalOptions>>().Value;
        if (settings.Enabled)
        {
            app.MapMethods("/" + settings.CallbackPath, [HttpMethods.Get, HttpMethods.Post], CallbackAsync);
        }

        return app;
    }

    /// <summary>
    /// OpenIddict has checked the state, redeemed the code (PKCE), validated the id_token against the provider's
    /// keys and fetched userinfo; what is left is to hand the person on, or to say what went wrong.
    /// </summary>
    private static async Task<IResult> CallbackAsync(HttpContext context, ILogger<NationalAccountLinker> logger)
    {
        AuthenticateResult result;
        try
        {
            result = await context.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or OpenIddictExceptions.ProtocolException)
        {
            // Discovery or the back channel failed hard (unreachable, unreadable).
            ProviderFailed(logger, e.GetType().Name);
            return Results.LocalRedirect(ExternalLoginUrl(null, ExternalLoginProblem.Unavailable));
        }

        if (result is not { Succeeded: true, Principal: { } principal })
        {
            var error = result.Properties?.GetString(OpenIddictClientAspNetCoreConstants.Properties.Error);
            var problem = error switch
            {
                OpenIddictConstants.Errors.AccessDenied => ExternalLoginProblem.Cancelled,
                OpenIddictConstants.Errors.ServerError or OpenIddictConstants.Errors.TemporarilyUnavailable => ExternalLoginProblem.Unavailable,
                OpenIddictConstants.Errors.InvalidToken => ExternalLoginProblem.BadResponse,
                _ => ExternalLoginProblem.Rejected,
            };
            ProviderRefused(logger, error ?? "(none)", problem);
            return Results.LocalRedirect(ExternalLoginUrl(result.Properties?.RedirectUri, problem));
        }

        var identity = new ClaimsIdentity(IdentityConstants.ExternalScheme);
        identity.AddClaims(principal.Claims.Where(c => KeptClaims.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value, c.ValueType)));
        if (principal.FindFirst(NationalPortalClaims.TechId)?.Value is { Length: > 0 } techId)
        {
            identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, techId));
        }

        var properties = new AuthenticationProperties { Items = { ["LoginProvider"] = ProviderName } };
        await context.SignInAsync(IdentityConstants.ExternalScheme, new ClaimsPrincipal(identity), properties);
        return Results.LocalRedirect(ExternalLoginUrl(result.Properties?.RedirectUri, null));
    }

    /// <summary>
    /// Back to the page the sign-in page asked for (<c>/account/external-login?returnUrl=…</c>, kept in the state
    /// token), with the problem if there is one. Anything that is not that page is ignored: never an open redirect.
    /// </summary>
    private static string ExternalLoginUrl(string? redirectUri, ExternalLoginProblem? problem)
    {
        var target = redirectUri is not null && redirectUri.StartsWith(Pages.Account.LoginModel.ExternalCallbackPath + "?", StringComparison.Ordinal)
            ? redirectUri
            : Pages.Account.LoginModel.ExternalCallbackPath;
        return problem is { } p ? QueryHelpers.AddQueryString(target, "error", ExternalLoginProblems.Key(p)) : target;
    }

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "National sign-in: the provider could not be reached or answered unreadably ({Exception})")]
    private static partial void ProviderFailed(ILogger logger, string exception);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Information, Message = "National sign-in ended without a person: {Error} ({Problem})")]
    private static partial void ProviderRefused(ILogger logger, string error, ExternalLoginProblem problem);

    /// <summary>Sends the configured <c>acr_values</c> with every authorization request to the national provider.</summary>
    private sealed class AttachAcrValues(IOptions<NationalPortalOptions> options) : IOpenIddictClientHandler<ProcessChallengeContext>
    {
        public static OpenIddictClientHandlerDescriptor Descriptor { get; } =
            OpenIddictClientHandlerDescriptor.CreateBuilder<ProcessChallengeContext>()
                .UseSingletonHandler<AttachAcrValues>()
                .SetOrder(OpenIddictClientHandlers.ResolveClientRegistrationFromChallengeContext.Descriptor.Order + 500)
                .SetType(OpenIddictClientHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ProcessChallengeContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.Registration.ProviderName == ProviderName && options.Value.AcrValues is { Length: > 0 } acr
                && !context.Parameters.ContainsKey(OpenIddictConstants.Parameters.AcrValues))
            {
                context.Parameters[OpenIddictConstants.Parameters.AcrValues] = acr;
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// A sign-in that cannot even start (the provider's discovery document is unreachable or invalid) would end
    /// on OpenIddict's plain-text error; it goes to the external-login page instead, which says what happened.
    /// </summary>
    private sealed class RedirectChallengeErrors : IOpenIddictClientHandler<ProcessErrorContext>
    {
        public static OpenIddictClientHandlerDescriptor Descriptor { get; } =
            OpenIddictClientHandlerDescriptor.CreateBuilder<ProcessErrorContext>()
                .UseSingletonHandler<RedirectChallengeErrors>()
                .SetOrder(OpenIddictClientAspNetCoreHandlers.ProcessLocalErrorResponse<ProcessErrorContext>.Descriptor.Order - 1_000)
                .SetType(OpenIddictClientHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ProcessErrorContext context)
        {
            ArgumentNullException.ThrowIfNull(context);

            // Only a challenge the sign-in page started: errors at the callback are passed through to it.
            if (context.EndpointType != OpenIddictClientEndpointType.Unknown || context.Registration?.ProviderName != ProviderName
                || context.Transaction.GetHttpRequest() is not { } request)
            {
                return ValueTask.CompletedTask;
            }

            var properties = context.Transaction.GetProperty<AuthenticationProperties>(typeof(AuthenticationProperties).FullName!);
            var problem = context.Error is OpenIddictConstants.Errors.ServerError or OpenIddictConstants.Errors.TemporarilyUnavailable
                ? ExternalLoginProblem.Unavailable
                : ExternalLoginProblem.Rejected;
            request.HttpContext.Response.Redirect(ExternalLoginUrl(properties?.RedirectUri, problem));
            context.HandleRequest();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Why a national sign-in came back without a person, as the external-login page explains it.</summary>
internal enum ExternalLoginProblem
{
    /// <summary>The person pressed cancel at the provider (<c>access_denied</c>).</summary>
    Cancelled,

    /// <summary>The provider refused the request (any other OAuth error it sent back).</summary>
    Rejected,

    /// <summary>The provider could not be reached, or failed (<c>server_error</c>, 5xx, timeouts).</summary>
    Unavailable,

    /// <summary>The provider's tokens or claims were not acceptable.</summary>
    BadResponse,
}

internal static class ExternalLoginProblems
{
    public static string Key(ExternalLoginProblem problem) => problem switch
    {
        ExternalLoginProblem.Cancelled => "cancelled",
        ExternalLoginProblem.Unavailable => "unavailable",
        ExternalLoginProblem.BadResponse => "bad_response",
        _ => "rejected",
    };

    /// <summary>Only the four keys: the page never shows text from the query string.</summary>
    public static ExternalLoginProblem? Parse(string? key) => key switch
    {
        null or "" => null,
        "cancelled" => ExternalLoginProblem.Cancelled,
        "unavailable" => ExternalLoginProblem.Unavailable,
        "bad_response" => ExternalLoginProblem.BadResponse,
        _ => ExternalLoginProblem.Rejected,
    };
}
