using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Hub.Catalogue;
using Lgsp.Hub.Tests.Gateway;
using Lgsp.Hub.Tests.Identity;
using Lgsp.Hub.Tests.Identity.Federation;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Lgsp.Hub.Tests.DataAccess;

/// <summary>
/// The gateway fixture whose sandbox is also the national login (its identity provider registered for this hub), two
/// agencies able to look citizens up (the provincial portal, 000.00.01.H56, and the records office, 000.00.14.H56),
/// and the names of the procedure and agencies in the hub's catalogue copy.
/// </summary>
public sealed class DataAccessFixture : GatewayFixture, IAsyncLifetime
{
    public const string Purpose = "1.001193";
    public const string PurposeName = "Đăng ký thường trú (thủ tục thử nghiệm)";
    public const string PortalAgencyName = "Văn phòng UBND tỉnh (thử nghiệm)";
    public const string RecordsAgencyName = "Sở Tư pháp (thử nghiệm)";

    private const string SecretVariable = "LGSP_TEST_DATAACCESS_NATIONAL_IDENTITY_SECRET";

    public DataAccessFixture()
        : base(new IdentitySandbox())
    {
    }

    /// <summary>The stand-in's citizen accounts (their logins are their personal ids) and the one password.</summary>
    public IReadOnlyList<DemoAccount> Citizens { get; private set; } = [];

    public string Password { get; private set; } = "";

    protected override IDictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        Environment.SetEnvironmentVariable(SecretVariable, IdentitySandbox.Secret);
        var settings = base.AdapterSettings(sandbox);
        settings["Identity:Federation:NationalPortal:Issuer"] = new Uri(sandbox.HttpBaseUrl, "xacthuc/").AbsoluteUri;
        settings["Identity:Federation:NationalPortal:ClientId"] = IdentitySandbox.ClientId;
        settings["Identity:Federation:NationalPortal:ClientSecretEnvironmentVariable"] = SecretVariable;
        settings[$"Gateway:AccessRights:{RecordsOffice}:Services:population:Purposes:0"] = Purpose;
        return settings;
    }

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ((IdentitySandbox)Sandbox).RegisterRedirectUriAsync(new Uri(Hub.Address, "callback/login/national-portal"));
        var demo = (await Sandbox.DemoAsync()).GetProperty("nationalIdentity");
        Password = demo.GetProperty("password").GetString()!;
        Citizens = [.. demo.GetProperty("accounts").EnumerateArray()
            .Where(a => !a.GetProperty("type").GetString()!.Contains("LoaiTaiKhoan 2", StringComparison.Ordinal))
            .Select(a => new DemoAccount(a.GetProperty("login").GetString()!, false, a.GetProperty("name").GetString()!, a.GetProperty("level").GetString()!, a.GetProperty("techId").GetString()!))];
        await DbAsync(async db =>
        {
            db.Set<CatalogueProcedureRecord>().Add(new CatalogueProcedureRecord { Code = Purpose, Name = PurposeName });
            db.Set<CatalogueAgencyRecord>().Add(new CatalogueAgencyRecord { Code = "000.00.01.H56", Name = PortalAgencyName });
            db.Set<CatalogueAgencyRecord>().Add(new CatalogueAgencyRecord { Code = "000.00.14.H56", Name = RecordsAgencyName });
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>
    /// The person signs in at the portal through the national login (portal → hub → stand-in → hub → portal) and the
    /// portal redeems the code: the person's access token.
    /// </summary>
    internal async Task<string> CitizenTokenAsync(DemoAccount citizen)
    {
        using var browser = new FederatedBrowser(Hub, Sandbox.HttpBaseUrl);
        var pkce = Oidc.Pkce.Create();
        var signIn = await browser.GetAsync(Oidc.AuthorizeUrl(Portal, Oidc.PortalRedirect, "openid profile", pkce));
        Assert.Equal("/account/login", signIn.Url.AbsolutePath);
        var back = await browser.SignInNationallyAsync(signIn, citizen.Login, Password);
        Assert.True(back.LeftTo is not null, $"The browser stayed on {back.Url} ({back.Status}): {back.Html[..Math.Min(back.Html.Length, 2000)]}");
        using var api = Api();
        var tokens = await Oidc.RedeemCodeAsync(api, Portal, SecretOf(Portal), Oidc.Query(back.LeftTo!)["code"]!, Oidc.PortalRedirect, pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        return tokens.AccessToken;
    }

    internal async Task<JsonElement> ReportAsync(string token, string query = "")
    {
        using var api = Api();
        using var response = await Oidc.GetWithTokenAsync(api, "/api/v1/me/data-access" + query, token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The sandbox with its national identity provider's registration for this hub.</summary>
    private sealed class IdentitySandbox : SandboxFixture
    {
        public const string ClientId = "lgsp-hub-dataaccess-test";
        public const string Secret = "dataaccess-test-secret-0123456789";

        protected override IDictionary<string, string?> Settings()
        {
            var settings = base.Settings();
            settings["Sandbox:NationalIdentity:ClientId"] = ClientId;
            settings["Sandbox:NationalIdentity:ClientSecret"] = Secret;
            // Replaced once the hub's port is known; a registration needs one to start with.
            settings["Sandbox:NationalIdentity:RedirectUris:0"] = "https://127.0.0.1:9/callback/login/national-portal";
            return settings;
        }

        public async Task RegisterRedirectUriAsync(Uri redirectUri)
        {
            await using var scope = Services.CreateAsyncScope();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var application = await applications.FindByClientIdAsync(ClientId) ?? throw new InvalidOperationException("The hub is not registered.");
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application);
            descriptor.RedirectUris.Add(redirectUri);
            await applications.UpdateAsync(application, descriptor);
        }
    }
}
