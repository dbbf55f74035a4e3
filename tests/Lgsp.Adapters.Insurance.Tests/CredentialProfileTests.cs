using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Microsoft.Extensions.DependencyInjection;

namespace Lgsp.Adapters.Insurance.Tests;

/// <summary>
/// The credential profiles of the adapter against the BHXH stand-in over HTTP: <c>LgspAccessToken</c> (the partner's
/// <c>lgspaccesstoken</c>, as public LGSP integrations send it) and <c>None</c>, the stand-in switched at
/// <c>/_sandbox/insurance/profile</c>. The HMAC request signature of earlier versions is gone: no public system uses it.
/// </summary>
public sealed class CredentialProfileTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Path = "/apiBHXH/1.0/traCuuThongTinBHXH";

    public async Task InitializeAsync()
    {
        await sandbox.ResetFaultAsync(SourceNames.Insurance);
        await RequireAsync(true);
    }

    public async Task DisposeAsync()
    {
        await RequireAsync(true);
        await sandbox.ResetFaultAsync(SourceNames.Insurance);
    }

    private async Task RequireAsync(bool require)
    {
        using var response = await sandbox.Control.PutAsJsonAsync("/_sandbox/insurance/profile", new { requireAccessToken = require });
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task LgspAccessToken_EveryRequestCarriesThePartnersBase64Json_AndIsAnswered()
    {
        var (seen, authorizations) = (new ConcurrentQueue<string?>(), new ConcurrentQueue<string?>());
        using var adapter = SandboxPartner.Adapter(sandbox, configure: services => services
            .AddHttpClient(SocialInsuranceServiceCollectionExtensions.ClientName).AddHttpMessageHandler(() => new Watch(seen, authorizations)));
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        var record = await adapter.GetRequiredService<ISocialInsuranceSource>().GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None);

        Assert.Equal(code, record.Code);
        Assert.Equal(SandboxPartner.HeaderValue(), Assert.Single(seen));
        Assert.Null(Assert.Single(authorizations)); // no HMAC Authorization any more
    }

    [Fact]
    public async Task LgspAccessToken_SecretWrittenInCamelCase_IsReadTheSame()
    {
        var seen = new ConcurrentQueue<string?>();
        var camel = "{\"appName\":\"lgsp-sandbox\",\"accessKey\":\"sandbox-bhxh-access-key\",\"secretKey\":\"sandbox-bhxh-secret-key-NOT-A-SECRET\",\"partnerCode\":\"LGSPSANDBOX\"}";
        using var adapter = SandboxPartner.Adapter(sandbox, new() { [SandboxPartner.SecretName] = camel }, services => services
            .AddHttpClient(SocialInsuranceServiceCollectionExtensions.ClientName).AddHttpMessageHandler(() => new Watch(seen)));
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        await adapter.GetRequiredService<ISocialInsuranceSource>().GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None);

        Assert.Equal(SandboxPartner.HeaderValue(), Assert.Single(seen));
    }

    [Fact]
    public async Task None_AgainstAConnectionThatRequiresTheToken_IsUnauthorized_AndAnsweredWhenItDoesNot()
    {
        var seen = new ConcurrentQueue<string?>();
        using var adapter = SandboxPartner.Adapter(sandbox, new() { ["Adapters:insurance:Credentials"] = "None", [SandboxPartner.SecretName] = null }, services => services
            .AddHttpClient(SocialInsuranceServiceCollectionExtensions.ClientName).AddHttpMessageHandler(() => new Watch(seen)));
        var source = adapter.GetRequiredService<ISocialInsuranceSource>();
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        var fault = await Assert.ThrowsAsync<LgspException>(() => source.GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None));
        await RequireAsync(false);
        var record = await source.GetParticipantAsync(code, SandboxPartner.Context(), CancellationToken.None);

        Assert.Equal("upstream.insurance.unauthorized", fault.Error.Code);
        Assert.Equal(code, record.Code);
        Assert.Equal([null, null], seen); // no header, and no secret needed
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("e30=")] // {}
    [InlineData("eyJhY2Nlc3NLZXkiOiJzYW5kYm94LWJoeGgtYWNjZXNzLWtleSJ9")] // {"accessKey":…}: members in another case
    public async Task StandIn_UnreadableToken_Is401(string header)
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Path}?masobhxh={code.Value}");
        request.Headers.TryAddWithoutValidation("lgspaccesstoken", header);

        using var response = await sandbox.Control.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StandIn_TokenWrittenByHandAsOpenCpsDoes_IsAnswered()
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Path}?masobhxh={code.Value}");
        request.Headers.TryAddWithoutValidation("lgspaccesstoken", SandboxPartner.HeaderValue());

        using var response = await sandbox.Control.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"maLoi\":\"00\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Innermost: the <c>lgspaccesstoken</c> (or null) and <c>Authorization</c> of each attempt as it goes out.</summary>
    private sealed class Watch(ConcurrentQueue<string?> seen, ConcurrentQueue<string?>? authorizations = null) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(request.Headers.TryGetValues("lgspaccesstoken", out var values) ? values.Single() : null);
            authorizations?.Enqueue(request.Headers.Authorization?.ToString());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
