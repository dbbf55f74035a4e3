using System.Net.Http.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Business.Tests;

/// <summary>
/// Each answer profile against the stand-in speaking it, over real HTTP: found and not found are read the same way
/// whichever wrapper the registry uses, and a profile that does not match what the registry speaks is noticed.
/// </summary>
public sealed class BusinessAnswerProfileTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => sandbox.ResetFaultAsync(SourceNames.Business);

    public Task DisposeAsync() => SetSandboxProfileAsync("NgspData");

    [Theory]
    [InlineData("NgspData")]
    [InlineData("ResultCode")]
    public async Task Lookup_EachProfileAgainstTheStandInSpeakingIt_FindsAndMisses(string profile)
    {
        await SetSandboxProfileAsync(profile);
        using var adapter = Adapter(profile);
        var source = adapter.GetRequiredService<IBusinessRegistrySource>();
        var code = await BusinessGatewayTokenTests.ExistingCodeAsync(sandbox);

        var enterprise = await source.GetEnterpriseAsync(code, BusinessGatewayTokenTests.Context(), CancellationToken.None);
        var absent = await MissingCodeAsync();
        var missing = await Assert.ThrowsAsync<LgspException>(() => source.GetEnterpriseAsync(absent, BusinessGatewayTokenTests.Context(), CancellationToken.None));

        Assert.Equal(code, enterprise.Code);
        Assert.NotEmpty(enterprise.Representatives!);
        Assert.Equal("upstream.business.not_found", missing.Error.Code);
    }

    [Fact]
    public async Task Lookup_ResultCodeProfileAgainstAnAnswerWithoutIt_IsBadResponse()
    {
        await SetSandboxProfileAsync("NgspData");
        using var adapter = Adapter("ResultCode");

        var fault = await Assert.ThrowsAsync<LgspException>(async () => await adapter.GetRequiredService<IBusinessRegistrySource>()
            .GetEnterpriseAsync(await BusinessGatewayTokenTests.ExistingCodeAsync(sandbox), BusinessGatewayTokenTests.Context(), CancellationToken.None));

        Assert.Equal("upstream.business.bad_response", fault.Error.Code);
    }

    [Fact]
    public void Options_Default_IsTheProfileOpenCpsReads()
    {
        using var adapter = BusinessGatewayTokenTests.Build(BusinessGatewayTokenTests.Settings(sandbox));

        Assert.Equal(BusinessAnswerProfile.NgspData, adapter.GetRequiredService<IOptionsMonitor<BusinessRegistryOptions>>().Get(SourceNames.Business).AnswerProfile);
    }

    private ServiceProvider Adapter(string profile)
    {
        var settings = BusinessGatewayTokenTests.Settings(sandbox);
        settings["Adapters:business:AnswerProfile"] = profile;
        return BusinessGatewayTokenTests.Build(settings);
    }

    private async Task SetSandboxProfileAsync(string profile)
    {
        using var answer = await sandbox.Control.PutAsJsonAsync("/_sandbox/business/profile", new { profile });
        answer.EnsureSuccessStatusCode();
    }

    private async Task<EnterpriseCode> MissingCodeAsync()
    {
        var demo = await sandbox.DemoAsync();
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
