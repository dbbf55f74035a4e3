using System.Net;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Adapters.Insurance.Signing;
using Lgsp.Core.Lookups;

namespace Lgsp.Adapters.Insurance.Tests;

/// <summary>
/// BHXH's side of the signature: the stand-in refuses what a real gateway refuses (401 for a missing or wrong
/// signature, a tampered query, a stale timestamp, a replay; 403 for a partner the key was not issued to) and
/// accepts what the adapter's signer produces. Requests are built by hand here so each can be broken on purpose.
/// </summary>
public sealed class RequestSignatureTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private static readonly PartnerCredentials Partner = new(SandboxPartner.AppName, SandboxPartner.AccessKey, SandboxPartner.SecretKey, SandboxPartner.PartnerCode);

    public Task InitializeAsync() => sandbox.ResetFaultAsync(SourceNames.Insurance);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lookup_SignedBySigner_IsAnswered()
    {
        var (code, _, fullName, _) = await SandboxPartner.ParticipantAsync(sandbox);

        using var response = await SendAsync(Signed(code.Value, Partner, DateTimeOffset.UtcNow, RequestSigner.NewNonce()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("00", body.RootElement.GetProperty("maLoi").GetString());
        Assert.Equal(fullName, body.RootElement.GetProperty("duLieu").GetProperty("Hoten").GetString());
    }

    [Fact]
    public async Task Lookup_Unsigned_Is401()
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);
        using var request = new HttpRequestMessage(HttpMethod.Get, LookupUri(code.Value));

        using var response = await SendAsync(request);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("BHXH-HMAC-SHA256", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Lookup_SignedWithAnotherSecret_Is401()
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        using var response = await SendAsync(Signed(code.Value, Partner with { SecretKey = "not-the-secret" }, DateTimeOffset.UtcNow, RequestSigner.NewNonce()));

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Lookup_UnknownAccessKey_Is401()
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        using var response = await SendAsync(Signed(code.Value, Partner with { AccessKey = "someone-else" }, DateTimeOffset.UtcNow, RequestSigner.NewNonce()));

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Lookup_QueryChangedAfterSigning_Is401()
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);
        using var request = Signed(code.Value, Partner, DateTimeOffset.UtcNow, RequestSigner.NewNonce());
        request.RequestUri = LookupUri("0012345678");

        using var response = await SendAsync(request);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(-600)]
    [InlineData(-301)]
    [InlineData(600)]
    public async Task Lookup_TimestampBeyondTheAllowedSkew_Is401(int offsetSeconds)
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        using var response = await SendAsync(Signed(code.Value, Partner, DateTimeOffset.UtcNow.AddSeconds(offsetSeconds), RequestSigner.NewNonce()));

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, "hết hạn");
    }

    [Fact]
    public async Task Lookup_TimestampWithinTheSkew_IsAnswered()
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        using var response = await SendAsync(Signed(code.Value, Partner, DateTimeOffset.UtcNow.AddSeconds(-120), RequestSigner.NewNonce()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Lookup_Replayed_IsRefusedTheSecondTime()
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);
        var at = DateTimeOffset.UtcNow;
        var nonce = RequestSigner.NewNonce();

        using var first = await SendAsync(Signed(code.Value, Partner, at, nonce));
        using var replay = await SendAsync(Signed(code.Value, Partner, at, nonce));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertRefusedAsync(replay, HttpStatusCode.Unauthorized, "nonce");
    }

    [Fact]
    public async Task Lookup_ForgedRequestWithAFreshNonce_DoesNotUseUpTheNonce()
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);
        var at = DateTimeOffset.UtcNow;
        var nonce = RequestSigner.NewNonce();

        using var forged = await SendAsync(Signed(code.Value, Partner with { SecretKey = "guess" }, at, nonce));
        using var genuine = await SendAsync(Signed(code.Value, Partner, at, nonce));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task Lookup_PartnerTheKeyWasNotIssuedTo_Is403()
    {
        var (code, _, _, _) = await SandboxPartner.ParticipantAsync(sandbox);

        using var response = await SendAsync(Signed(code.Value, Partner with { PartnerCode = "OTHERPARTNER" }, DateTimeOffset.UtcNow, RequestSigner.NewNonce()));

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden);
    }

    private HttpRequestMessage Signed(string code, PartnerCredentials partner, DateTimeOffset at, string nonce)
    {
        var uri = LookupUri(code);
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        RequestSigner.Apply(request, RequestSigner.Sign("GET", uri, [], partner, at, nonce));
        return request;
    }

    private Uri LookupUri(string code) => new(sandbox.HttpBaseUrl, "apiBHXH/1.0/traCuuThongTinBHXH?masobhxh=" + code);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await sandbox.Control.SendAsync(request);
        }
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string? why = null)
    {
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), body.RootElement.GetProperty("maLoi").GetString());
        Assert.False(body.RootElement.TryGetProperty("duLieu", out _));
        if (why is not null)
        {
            Assert.Contains(why, body.RootElement.GetProperty("thongBao").GetString(), StringComparison.Ordinal);
        }
    }
}
