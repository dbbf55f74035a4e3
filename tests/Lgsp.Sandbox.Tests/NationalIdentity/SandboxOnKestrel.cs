using Lgsp.Sandbox.NationalIdentity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Sandbox.Tests.NationalIdentity;

/// <summary>
/// The real sandbox (its Program) on Kestrel, on a loopback port the OS picks, with a small world: the
/// identity provider is reached over real HTTP, as the hub reaches it. The registered redirect URI points at a
/// port nothing listens on; the tests read the redirect rather than follow it.
/// </summary>
public sealed class SandboxOnKestrel : WebApplicationFactory<Program>
{
    public const string ClientId = "lgsp-hub-test";
    public const string ClientSecret = "test-run-client-secret-0123456789";
    public const string RedirectUri = "http://127.0.0.1:9/callback/login/national-portal";
    public const string PostLogoutRedirectUri = "http://127.0.0.1:9/callback/logout/national-portal";

    public SandboxOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Origin = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri Origin { get; }

    public Uri Issuer => new(Origin, NationalIdentityOptions.PathBase + "/");

    internal NationalAccounts Accounts => Services.GetRequiredService<NationalAccounts>();

    /// <summary>A fresh browser (its own cookies) that does not follow redirects.</summary>
    public Browser NewBrowser() => new(Origin);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sandbox:Seed", "42");
        builder.UseSetting("Sandbox:Citizens", "600");
        builder.UseSetting("Sandbox:Enterprises", "40");
        builder.UseSetting("Sandbox:Parcels", "100");
        builder.UseSetting("Sandbox:NaturalLatency", "false");
        builder.UseSetting("Sandbox:NationalIdentity:ClientId", ClientId);
        builder.UseSetting("Sandbox:NationalIdentity:ClientSecret", ClientSecret);
        builder.UseSetting("Sandbox:NationalIdentity:RedirectUris:0", RedirectUri);
        builder.UseSetting("Sandbox:NationalIdentity:RedirectUris:1", RedirectUri.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        builder.UseSetting("Sandbox:NationalIdentity:PostLogoutRedirectUris:0", PostLogoutRedirectUri);
        builder.UseSetting("Sandbox:NationalIdentity:PostLogoutRedirectUris:1", PostLogoutRedirectUri.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
    }
}
