using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.Business.Tests;

/// <summary>The business registry adapter passes the shared contract against the sandbox's NGSP stand-in.</summary>
public sealed class BusinessRegistryContractTests(SandboxFixture sandbox) : AdapterContractTests(sandbox)
{
    protected override string Source => SourceNames.Business;

    protected override string Operation => "chiTietDoanhNghiep";

    protected override void AddAdapter(IServiceCollection services, IConfiguration configuration) => services.AddBusinessRegistryAdapter(configuration);

    protected override IDictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        SandboxCredentials.AddTo(settings);
        return settings;
    }

    protected override async Task<PacketBody> LookupExistingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken)
    {
        var (code, _, _) = await ActiveEnterpriseAsync();
        return await services.GetRequiredService<IBusinessRegistrySource>().GetEnterpriseAsync(code, context, cancellationToken);
    }

    protected override async Task<PacketBody> LookupMissingAsync(IServiceProvider services, LookupContext context, CancellationToken cancellationToken) =>
        await services.GetRequiredService<IBusinessRegistrySource>().GetEnterpriseAsync(await MissingCodeAsync(), context, cancellationToken);

    protected override async Task AssertCanonicalAsync(PacketBody body)
    {
        var (code, name, status) = await ActiveEnterpriseAsync();
        var enterprise = Assert.IsType<Enterprise>(body);
        Assert.Equal(code, enterprise.Code);
        Assert.Equal(name, enterprise.Name);
        Assert.Equal(status, enterprise.StatusName);
        Assert.NotNull(enterprise.FoundedOn);
        Assert.NotNull(enterprise.HeadOffice?.Full);
        Assert.NotNull(enterprise.HeadOffice.WardName);
        Assert.Equal("VN", enterprise.HeadOffice.Country);
        Assert.NotEmpty(enterprise.Representatives!);
        Assert.All(enterprise.Representatives!, r => Assert.False(string.IsNullOrWhiteSpace(r.FullName)));
        Assert.All(enterprise.Representatives!, r => Assert.NotNull(r.PersonalId));
    }

    private async Task<(EnterpriseCode Code, string Name, string Status)> ActiveEnterpriseAsync()
    {
        var demo = await Sandbox.DemoAsync();
        var active = demo.GetProperty("enterprises").EnumerateArray().First();
        return (EnterpriseCode.Parse(active.GetProperty("enterpriseCode").GetString()!), active.GetProperty("name").GetString()!, active.GetProperty("status").GetString()!);
    }

    /// <summary>A well-formed code (right check digit) that none of the demo enterprises has; the small world has 60.</summary>
    private async Task<EnterpriseCode> MissingCodeAsync()
    {
        var demo = await Sandbox.DemoAsync();
        var known = demo.GetProperty("enterprises").EnumerateArray().Select(e => e.GetProperty("enterpriseCode").GetString()).ToHashSet(StringComparer.Ordinal);
        for (var n = 10_000_000; ; n++)
        {
            var first = n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            if (EnterpriseCode.ComputeCheckDigit(first) is { } check && EnterpriseCode.TryParse(first + check, out var code) && !known.Contains(code.Value))
            {
                return code;
            }
        }
    }
}
