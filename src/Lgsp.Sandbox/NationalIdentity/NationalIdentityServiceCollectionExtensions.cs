using Lgsp.Sandbox.Control.Faults;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.NationalIdentity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Microsoft.Extensions.DependencyInjection;

internal static partial class NationalIdentityServiceCollectionExtensions
{
    /// <summary>The provider's own sign-in session (a cookie scoped to <c>/xacthuc</c>), distinct from any relying party's.</summary>
    public const string SessionScheme = "NationalIdentitySession";

    /// <summary>
    /// The stand-in national identity provider (DVCQG / VNeID): an OpenID Connect server (OpenIddict) over an
    /// in-memory store, its accounts drawn from the synthetic world, its one client (the hub) from
    /// <c>Sandbox:NationalIdentity</c>. Its signing and encryption keys are generated at each start, so tokens do
    /// not survive a restart of the sandbox (relying parties fetch the new keys from the JWKS).
    /// </summary>
    public static IServiceCollection AddNationalIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<NationalIdentityOptions>()
            .Bind(configuration.GetSection(NationalIdentityOptions.SectionName))
            .ValidateDataAnnotations();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new NationalAccounts(sp.GetRequiredService<SyntheticWorld>()));

        // For the fault switches: the back channel (what the hub calls server to server) can be faulted; the pages
        // a person sees keep answering, so a test can sign someone in and make the code exchange fail.
        services.AddSingleton(new StandIn
        {
            Source = NationalIdentityPaths.Source,
            Paths = [NationalIdentityOptions.PathBase + "/"],
            FaultPaths =
            [
                NationalIdentityOptions.PathBase + "/.well-known/",
                NationalIdentityPaths.Token,
                NationalIdentityPaths.UserInfo,
                NationalIdentityOptions.PathBase + "/oauth2/jwks",
                NationalIdentityOptions.PathBase + "/oauth2/introspect",
            ],
            NaturalLatency = (20, 60),
            MalformedBody = "{\"access_token\":\"eyJhbGciOi",
        });
        services.TryAddSingleton<NationalIdentityStore>();
        services.AddDbContext<NationalIdentityDbContext>((sp, options) =>
        {
            options.UseSqlite(sp.GetRequiredService<NationalIdentityStore>().ConnectionString);
            options.UseOpenIddict();
        });

        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<NationalIdentityDbContext>())
            .AddServer(options =>
            {
                // Relative to the issuer (see UseIssuerPath): DVCQG's paths, WSO2's names for the rest.
                options.SetAuthorizationEndpointUris("oauth2/authorize")
                    .SetTokenEndpointUris("oauth2/token")
                    .SetUserInfoEndpointUris("oauth2/userinfo")
                    .SetEndSessionEndpointUris("oauth2/logout")
                    .SetIntrospectionEndpointUris("oauth2/introspect")
                    .SetJsonWebKeySetEndpointUris("oauth2/jwks");

                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.OpenId);
                options.RegisterClaims([.. DvcqgClaims.All]);
                options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                options.AddEventHandler(UseIssuerPath.Descriptor);
                options.AddEventHandler(AdvertiseAssuranceLevels.Descriptor);

                // Loopback HTTP is the sandbox's transport; the pages and userinfo are answered by NationalIdentityApi.
                options.UseAspNetCore()
                    .DisableTransportSecurityRequirement()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
            });
        services.AddOptions<OpenIddictServerOptions>()
            .Configure<IOptions<NationalIdentityOptions>>((server, identity) =>
            {
                server.AccessTokenLifetime = identity.Value.AccessTokenLifetime;

                // S256 only: "plain" PKCE protects nothing against a stolen authorization request.
                server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
            });

        services.AddAuthentication().AddCookie(SessionScheme, options =>
        {
            options.Cookie.Name = ".Lgsp.Sandbox.XacThuc";
            options.Cookie.Path = NationalIdentityOptions.PathBase;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
            options.LoginPath = NationalIdentityPaths.Login;
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ".Lgsp.Sandbox.XacThuc.Antiforgery";
            options.Cookie.Path = NationalIdentityOptions.PathBase;
            options.FormFieldName = NationalIdentityApi.AntiforgeryField;
        });

        services.AddHostedService<ClientRegistration>();
        return services;
    }

    /// <summary>
    /// Creates the store's tables and registers the hub as a confidential client with PKCE required, before the
    /// host takes requests (hosted services start before the server listens).
    /// </summary>
    private sealed partial class ClientRegistration(IServiceProvider services, IOptions<NationalIdentityOptions> options, ILogger<ClientRegistration> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NationalIdentityDbContext>().Database.EnsureCreatedAsync(cancellationToken);

            var client = options.Value;
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = client.ClientId,
                ClientSecret = client.ClientSecret,
                ClientType = ClientTypes.Confidential,
                ApplicationType = ApplicationTypes.Web,
                ConsentType = ConsentTypes.Implicit,
                DisplayName = "LGSP tỉnh",
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.Endpoints.EndSession,
                    Permissions.Endpoints.Introspection,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.ResponseTypes.Code,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var uri in client.RedirectUris)
            {
                descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
            }

            foreach (var uri in client.PostLogoutRedirectUris)
            {
                descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
            }

            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(descriptor, cancellationToken);
            ClientRegistered(logger, client.ClientId, client.RedirectUris.Count, client.ClientSecret == NationalIdentityOptions.DevelopmentClientSecret);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 101, Level = LogLevel.Information,
            Message = "National identity stand-in: client {ClientId} registered with {RedirectUriCount} redirect URIs (development secret: {DevelopmentSecret})")]
        private static partial void ClientRegistered(ILogger logger, string clientId, int redirectUriCount, bool developmentSecret);
    }
}
