using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Adapters.Business.Tests;

/// <summary>The gateway token: one fetch for a burst, credentials from the named secret, refusals reported as such.</summary>
public sealed class BusinessGatewayTokenTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetFaultAsync(SourceNames.Business);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lookups_FiftyConcurrent_FetchOneToken()
    {
        using var adapter = Adapter(sandbox);
        var code = await ExistingCodeAsync(sandbox);
        var source = adapter.GetRequiredService<IBusinessRegistrySource>();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => source.GetEnterpriseAsync(code, Context(), CancellationToken.None)));

        Assert.All(results, e => Assert.Equal(code, e.Code));
        var calls = await sandbox.CallsAsync(SourceNames.Business);
        Assert.Equal(1, calls["/token"]);
        Assert.Equal(50, calls["/apiCSDLDKDN/1.0/chiTietDoanhNghiep"]);
    }

    [Fact]
    public async Task Lookup_WrongSecret_IsUnauthorizedByTheUpstream()
    {
        using var adapter = Adapter(sandbox, "{\"consumerKey\":\"sandbox-business-consumer-key\",\"consumerSecret\":\"wrong\"}");

        var fault = await Assert.ThrowsAsync<LgspException>(async () => await adapter.GetRequiredService<IBusinessRegistrySource>()
            .GetEnterpriseAsync(await ExistingCodeAsync(sandbox), Context(), CancellationToken.None));

        Assert.Equal("upstream.business.unauthorized", fault.Error.Code);
        Assert.Equal(FaultOrigin.Upstream, fault.Error.Origin);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("{\"consumerKey\":\"k\"}")]
    public async Task Lookup_CredentialsMissingOrUnreadable_IsTheHubsFaultAndNeverShowsTheValue(string? json)
    {
        var settings = Settings(sandbox);
        settings[SandboxCredentials.SecretName] = json;
        using var adapter = Build(settings);

        var fault = await Assert.ThrowsAsync<LgspException>(async () => await adapter.GetRequiredService<IBusinessRegistrySource>()
            .GetEnterpriseAsync(await ExistingCodeAsync(sandbox), Context(), CancellationToken.None));

        Assert.Equal("hub.internal", fault.Error.Code);
        Assert.Contains(SandboxCredentials.SecretName, fault.Detail?.En, StringComparison.Ordinal);
        Assert.DoesNotContain("not json", fault.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await sandbox.CallsAsync(SourceNames.Business)).GetValueOrDefault("/token"));
    }

    internal static ServiceProvider Adapter(SandboxFixture sandbox, string credentials = SandboxCredentials.Json, TimeProvider? time = null)
    {
        var settings = Settings(sandbox);
        SandboxCredentials.AddTo(settings, credentials);
        return Build(settings, time);
    }

    internal static Dictionary<string, string?> Settings(SandboxFixture sandbox)
    {
        var settings = new Dictionary<string, string?> { ["Adapters:business:BaseUrl"] = sandbox.HttpBaseUrl.ToString() };
        SandboxCredentials.AddTo(settings);
        return settings;
    }

    internal static ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddBusinessRegistryAdapter(configuration);
        return services.BuildServiceProvider();
    }

    internal static async Task<EnterpriseCode> ExistingCodeAsync(SandboxFixture sandbox)
    {
        var demo = await sandbox.DemoAsync();
        return EnterpriseCode.Parse(demo.GetProperty("enterprises")[0].GetProperty("enterpriseCode").GetString()!);
    }

    internal static LookupContext Context() => new()
    {
        RequestId = Guid.NewGuid().ToString("D"),
        Purpose = ProcedureCode.Parse("1.001193"),
        ClientId = "token-tests",
    };
}

/// <summary>The stand-in issues one-second tokens, and its clock moves only when a test advances it.</summary>
public sealed class ShortLivedTokensSandbox : SandboxFixture
{
    /// <summary>The gateway's clock.</summary>
    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    protected override TimeProvider? Time => Clock;

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Sandbox:Business:TokenLifetimeSeconds"] = "1";
        return settings;
    }
}

/// <summary>Renewal before expiry (by the hub's clock) and once after the gateway refuses an expired token.</summary>
public sealed class BusinessGatewayTokenExpiryTests(ShortLivedTokensSandbox sandbox) : IClassFixture<ShortLivedTokensSandbox>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetFaultAsync(SourceNames.Business);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lookup_TokenNearExpiry_IsRenewedBeforeTheGatewayRefusesIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero));
        using var adapter = BusinessGatewayTokenTests.Adapter(sandbox, time: time);
        var source = adapter.GetRequiredService<IBusinessRegistrySource>();
        var code = await BusinessGatewayTokenTests.ExistingCodeAsync(sandbox);
        await source.GetEnterpriseAsync(code, BusinessGatewayTokenTests.Context(), CancellationToken.None);

        time.Advance(TimeSpan.FromMilliseconds(950)); // past the last tenth of the one-second lifetime
        await source.GetEnterpriseAsync(code, BusinessGatewayTokenTests.Context(), CancellationToken.None);

        var calls = await sandbox.CallsAsync(SourceNames.Business);
        Assert.Equal(2, calls["/token"]);
        Assert.Equal(2, calls["/apiCSDLDKDN/1.0/chiTietDoanhNghiep"]); // no call was refused
    }

    [Fact]
    public async Task Lookup_GatewayRefusesAnExpiredToken_RenewsOnceAndSucceeds()
    {
        // The hub's clock stands still, so only the gateway knows the token expired.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero));
        using var adapter = BusinessGatewayTokenTests.Adapter(sandbox, time: time);
        var source = adapter.GetRequiredService<IBusinessRegistrySource>();
        var code = await BusinessGatewayTokenTests.ExistingCodeAsync(sandbox);
        await source.GetEnterpriseAsync(code, BusinessGatewayTokenTests.Context(), CancellationToken.None);
        sandbox.Clock.Advance(TimeSpan.FromMilliseconds(1100)); // the gateway's one-second token has expired

        var enterprise = await source.GetEnterpriseAsync(code, BusinessGatewayTokenTests.Context(), CancellationToken.None);

        Assert.Equal(code, enterprise.Code);
        var calls = await sandbox.CallsAsync(SourceNames.Business);
        Assert.Equal(2, calls["/token"]);
        Assert.Equal(3, calls["/apiCSDLDKDN/1.0/chiTietDoanhNghiep"]); // the refused call was sent once more
    }
}
