extern alias sandbox;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace Lgsp.Hub.Tests.Identity.Federation;

/// <summary>
/// The sandbox's stand-in national identity provider on Kestrel (HTTP, loopback, port picked by the OS) and a hub
/// on Kestrel (HTTPS) federated to it, each configured for the other as a deployment would be: the hub's client
/// id, secret (in an environment variable of this fixture's own) and the provider's issuer; the provider's
/// registration of the hub's redirect URI, set once the hub's port is known.
/// </summary>
public sealed class FederationFixture : IAsyncLifetime
{
    public const string ClientId = "lgsp-hub-federation-test";

    private readonly string _secretVariable = "LGSP_TEST_NATIONAL_IDENTITY_SECRET_" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
    private readonly string _secret = "federation-test-secret-" + Guid.NewGuid().ToString("N");

    internal NationalSandbox Sandbox { get; private set; } = null!;

    internal IdentityHub Hub { get; private set; } = null!;

    /// <summary>The accounts <c>/_sandbox/demo</c> lists, as a tester would pick them.</summary>
    public IReadOnlyList<DemoAccount> Accounts { get; private set; } = [];

    public string Password { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Sandbox = new NationalSandbox(ClientId, _secret);
        Environment.SetEnvironmentVariable(_secretVariable, _secret);
        Hub = StartHub(new Dictionary<string, string?>());
        await Sandbox.RegisterRedirectUriAsync(new Uri(Hub.Address, "callback/login/national-portal"));

        using var http = new HttpClient { BaseAddress = Sandbox.Origin };
        var demo = (await http.GetFromJsonAsync<JsonElement>(new Uri("/_sandbox/demo", UriKind.Relative))).GetProperty("nationalIdentity");
        Password = demo.GetProperty("password").GetString()!;
        Accounts = [.. demo.GetProperty("accounts").EnumerateArray().Select(a => new DemoAccount(
            a.GetProperty("login").GetString()!, a.GetProperty("type").GetString()!.Contains("LoaiTaiKhoan 2", StringComparison.Ordinal),
            a.GetProperty("name").GetString()!, a.GetProperty("level").GetString()!, a.GetProperty("techId").GetString()!))];
    }

    /// <summary>Another hub federated to the same provider (its own database), e.g. one that never fetched discovery.</summary>
    internal async Task<IdentityHub> StartAnotherHubAsync(IDictionary<string, string?>? extra = null)
    {
        var hub = StartHub(extra ?? new Dictionary<string, string?>());
        await Sandbox.RegisterRedirectUriAsync(new Uri(hub.Address, "callback/login/national-portal"));
        return hub;
    }

    /// <summary>A browser whose cookies span the hub and the provider, as a real one's do.</summary>
    internal FederatedBrowser Browser(IdentityHub? hub = null) => new(hub ?? Hub, Sandbox.Origin);

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        await Sandbox.DisposeAsync();
        Environment.SetEnvironmentVariable(_secretVariable, null);
    }

    private IdentityHub StartHub(IDictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Federation:NationalPortal:Issuer"] = Sandbox.Issuer.AbsoluteUri,
            ["Identity:Federation:NationalPortal:ClientId"] = ClientId,
            ["Identity:Federation:NationalPortal:ClientSecretEnvironmentVariable"] = _secretVariable,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return IdentityHub.StartOnSqlite(settings);
    }
}

/// <summary>An account of the stand-in, as <c>/_sandbox/demo</c> lists it.</summary>
public sealed record DemoAccount(string Login, bool IsBusiness, string Name, string Level, string TechId);

/// <summary>The sandbox (its Program) on Kestrel with a small world and the hub's registration.</summary>
internal sealed class NationalSandbox : WebApplicationFactory<sandbox::Program>
{
    private readonly string _clientId;
    private readonly string _secret;

    public NationalSandbox(string clientId, string secret)
    {
        _clientId = clientId;
        _secret = secret;
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Origin = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public Uri Origin { get; }

    public Uri Issuer => new(Origin, "/xacthuc/");

    /// <summary>Adds a redirect URI to the hub's registration, as the provider's administrators would.</summary>
    public async Task RegisterRedirectUriAsync(Uri redirectUri)
    {
        await using var scope = Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(_clientId) ?? throw new InvalidOperationException("The hub is not registered.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application);
        descriptor.RedirectUris.Add(redirectUri);
        await applications.UpdateAsync(application, descriptor);
    }

    public async Task SetFaultAsync(object settings)
    {
        using var http = new HttpClient { BaseAddress = Origin };
        using var response = await http.PutAsJsonAsync(new Uri("/_sandbox/faults/nationalidentity", UriKind.Relative), settings);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task ResetFaultAsync()
    {
        using var http = new HttpClient { BaseAddress = Origin };
        using var response = await http.DeleteAsync(new Uri("/_sandbox/faults/nationalidentity", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Sandbox:Seed", "42");
        builder.UseSetting("Sandbox:Citizens", "600");
        builder.UseSetting("Sandbox:Enterprises", "40");
        builder.UseSetting("Sandbox:Parcels", "100");
        builder.UseSetting("Sandbox:NaturalLatency", "false");
        builder.UseSetting("Sandbox:NationalIdentity:ClientId", _clientId);
        builder.UseSetting("Sandbox:NationalIdentity:ClientSecret", _secret);

        // Replaced once the hub's port is known (RegisterRedirectUriAsync); a registration needs one to start with.
        builder.UseSetting("Sandbox:NationalIdentity:RedirectUris:0", "https://127.0.0.1:9/callback/login/national-portal");
    }
}
