using Lgsp.Hub.Identity.Accounts;
using Lgsp.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>A hub on Kestrel (HTTPS, loopback) with the development redirect URIs, and accounts made for a test.</summary>
internal sealed class IdentityHub : IAsyncDisposable
{
    public const string Password = "mật khẩu đủ dài 2026";

    private IdentityHub(HubFactory factory, Uri address)
    {
        Factory = factory;
        Address = address;
    }

    public HubFactory Factory { get; }

    public Uri Address { get; }

    public IServiceProvider Services => Factory.Services;

    public static IdentityHub StartOnSqlite(IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null, string? directory = null)
    {
        var settings = Oidc.RedirectSettings();
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var factory = directory is null ? HubFactory.OnSqlite(settings, services) : HubFactory.OnSqlite(directory, settings, services);
        return new IdentityHub(factory, factory.StartHttps());
    }

    public static IdentityHub Start(HubFactory factory) => new(factory, factory.StartHttps());

    /// <summary>A browser: cookies kept, redirects not followed.</summary>
    public HttpClient Browser() => HubFactory.CreateBrowser(Address);

    /// <summary>A back end calling the hub (no cookies needed, but harmless).</summary>
    public HttpClient Api() => HubFactory.CreateBrowser(Address);

    public string Secret(string clientId) => Factory.ClientSecret(clientId);

    /// <summary>A local official with <see cref="Password"/>, optionally in a role; returns the user name.</summary>
    public async Task<string> CreateOfficialAsync(string? role = null, string? personalId = null)
    {
        var userName = "canbo." + Guid.NewGuid().ToString("N")[..10];
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubAccount>>();
        var account = new HubAccount
        {
            UserName = userName,
            DisplayName = "Lê Thị Cúc",
            Kind = AccountKind.Official,
            AgencyCode = "000.00.14.H56",
            PersonalId = personalId,
        };
        var created = await users.CreateAsync(account, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Code)));
        if (role is not null)
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<HubRole>>();
            if (!await roles.RoleExistsAsync(role))
            {
                Assert.True((await roles.CreateAsync(new HubRole(role))).Succeeded);
            }

            Assert.True((await users.AddToRoleAsync(account, role)).Succeeded);
        }

        return userName;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
