using System.Net;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Lgsp.Core.Signing;
using static Lgsp.Hub.Tests.Gateway.GatewayAssertions;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>
/// <c>GET /api/v1/business/enterprises/{code}</c> end to end, in detail: the packet header, the message-log record,
/// several bad inputs at once, the purpose and request-id headers, a field allow-list. The cases every source shares
/// are in <see cref="LookupEndToEndTests"/> and <see cref="BreakerTests"/>.
/// </summary>
public sealed class BusinessLookupTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private const string Path = "/api/v1/business/enterprises/";

    public Task InitializeAsync() => gateway.Sandbox.ResetFaultAsync(SourceNames.Business);

    public Task DisposeAsync() => gateway.Sandbox.ResetFaultAsync(SourceNames.Business);

    [Fact]
    public async Task GetEnterprise_Existing_AnswersASignedJsonPacketThatVerifiesWithThePublishedKeys()
    {
        var (code, name) = await EnterpriseAsync();
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.business.read");

        using var response = await gateway.GetAsync(Path + code, token, requestId: "H56.14-250812-0035");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var jws = Assert.Single(response.Headers.GetValues("X-Lgsp-Signature"));
        using var anonymous = gateway.Api();
        using var verifier = await VerifierFromPublishedKeysAsync(anonymous);
        var signer = verifier.VerifyDetachedJws(jws, bytes);
        Assert.Equal(SigningKeyId.For(signer), JwsKeyId(jws));
        var pem = await anonymous.GetStringAsync(new Uri("/.well-known/lgsp/signing-certificate.pem", UriKind.Relative));
        Assert.Equal(signer.ExportCertificatePem(), pem.Trim());

        var packet = PacketJson.Read(bytes);
        Assert.Equal(Guid.Parse(ExchangeId(response)), packet.Header.MessageId);
        Assert.Equal("H56.14-250812-0035", packet.Header.CorrelationId);
        Assert.Equal(AgencyCode.Parse("000.00.00.H56"), packet.Header.Sender);
        Assert.Equal(AgencyCode.Parse("000.00.01.H56"), packet.Header.Receiver);
        Assert.Equal("business", packet.Header.Service);
        Assert.Equal("chiTietDoanhNghiep", packet.Header.Operation);
        Assert.Equal("1.001193", packet.Header.Purpose?.Value);
        Assert.Equal(TimeSpan.FromHours(7), packet.Header.CreatedAt.Offset);
        var enterprise = Assert.IsType<Enterprise>(packet.Body);
        Assert.Equal(code, enterprise.Code.Value);
        Assert.Equal(name, enterprise.Name);
        Assert.NotNull(enterprise.HeadOffice);
        Assert.NotEmpty(enterprise.Representatives!);

        var record = await gateway.RecordAsync(ExchangeId(response));
        Assert.Equal("ok", record.Outcome);
        Assert.Equal(200, record.HttpStatus);
        Assert.Equal(GatewayFixture.Portal, record.ClientId);
        Assert.Equal("1.001193", record.Purpose);
        Assert.Equal("business", record.Service);
        Assert.Equal(jws, record.Signature);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), record.ResponseDigest);
        Assert.Equal("H56.14-250812-0035", record.CorrelationId);
        Assert.Equal(64, record.SubjectHash!.Length);
        Assert.DoesNotContain(code, record.SubjectHash, StringComparison.Ordinal);
        Assert.True(record.LatencyMicroseconds > 0);
    }

    [Fact]
    public async Task GetEnterprise_AcceptXml_AnswersAnEnvelopedXmlSignatureThatVerifies()
    {
        var (code, name) = await EnterpriseAsync();
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.business.read");

        using var response = await gateway.GetAsync(Path + code, token, accept: "application/xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("X-Lgsp-Signature"));
        var xml = await response.Content.ReadAsStringAsync();
        using var anonymous = gateway.Api();
        using var verifier = await VerifierFromPublishedKeysAsync(anonymous);
        var verified = verifier.VerifyXmlDocument(xml);
        var packet = PacketXml.Read(verified.Element.OwnerDocument);
        var enterprise = Assert.IsType<Enterprise>(packet.Body);
        Assert.Equal(name, enterprise.Name);
        Assert.Equal(Guid.Parse(ExchangeId(response)), packet.Header.MessageId);
        var record = await gateway.RecordAsync(ExchangeId(response));
        Assert.Contains(record.Signature!, xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEnterprise_AcceptXml_VerifiesWithXmlsec1AndNoExtraFlags()
    {
        // What a client with the reference C verifier runs: the answer as received, the certificate as published,
        // `xmlsec1 --verify --pubkey-cert-pem cert.pem file.xml` and no --id-attr.
        var (code, name) = await EnterpriseAsync();
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.business.read");
        using var response = await gateway.GetAsync(Path + code, token, accept: "application/xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var anonymous = gateway.Api();
        var pem = await anonymous.GetStringAsync(new Uri("/.well-known/lgsp/signing-certificate.pem", UriKind.Relative));
        var xml = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Contains($"<Name>{name}</Name>", xml, StringComparison.Ordinal);
        var tampered = xml.Replace($"<Name>{name}</Name>", $"<Name>{name} (giả)</Name>", StringComparison.Ordinal);

        var genuine = await Lgsp.Testing.Xmlsec1.VerifyAsync(bytes, pem);
        var changed = await Lgsp.Testing.Xmlsec1.VerifyAsync(tampered, pem);

        Assert.True(genuine.Verified, $"xmlsec1 exit {genuine.ExitCode}:\n{genuine.Output}");
        Assert.NotEqual(0, changed.ExitCode);
        Assert.False(changed.Verified, changed.Output);
    }

    [Fact]
    public async Task GetEnterprise_SeveralBadInputs_ListsEveryOneBeforeAnyUpstreamCall()
    {
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.business.read");

        using var response = await gateway.GetAsync(Path + "01012X", token, purpose: "1.00119", requestId: new string('x', 200));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "client.validation_failed", "client");
        Assert.Equal(["code:enterprise_code.digits", "X-Lgsp-Purpose:procedure_code.format", "X-Lgsp-Request-Id:request_id.format"], Reasons(problem));
        Assert.Empty(await gateway.Sandbox.CallsAsync(SourceNames.Business));
    }

    [Fact]
    public async Task GetEnterprise_NoPurpose_IsRejected()
    {
        var (code, _) = await EnterpriseAsync();
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.business.read");

        using var response = await gateway.GetAsync(Path + code, token, purpose: null);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "client.validation_failed", "client");
        Assert.Equal(["X-Lgsp-Purpose:purpose.missing"], Reasons(problem));
        Assert.Empty(await gateway.Sandbox.CallsAsync(SourceNames.Business));
    }

    [Fact]
    public async Task GetEnterprise_NoToken_Is401()
    {
        var (code, _) = await EnterpriseAsync();

        using var response = await gateway.GetAsync(Path + code, token: null);

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "client.unauthenticated", "client");
    }

    [Fact]
    public async Task GetEnterprise_LocalCodeOfAGrantedPurpose_IsAllowed()
    {
        var (code, _) = await EnterpriseAsync();
        var token = await gateway.TokenAsync(GatewayFixture.RecordsOffice, "lgsp.business.read");

        using var response = await gateway.GetAsync(Path + code, token, purpose: "1.000894.000.00.00.H56");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetEnterprise_ClientWithAFieldAllowList_ReceivesOnlyThoseFieldsUnderTheSignature()
    {
        var (code, name) = await EnterpriseAsync();
        var token = await gateway.TokenAsync(GatewayFixture.RecordsOffice, "lgsp.business.read");

        using var response = await gateway.GetAsync(Path + code, token, purpose: "1.000894");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var anonymous = gateway.Api();
        using var verifier = await VerifierFromPublishedKeysAsync(anonymous);
        verifier.VerifyDetachedJws(Assert.Single(response.Headers.GetValues("X-Lgsp-Signature")), bytes);
        var body = JsonDocument.Parse(bytes).RootElement.GetProperty("body").GetProperty("enterprise");
        Assert.Equal(["code", "name", "statusName", "representatives"], body.EnumerateObject().Select(p => p.Name));
        Assert.All(body.GetProperty("representatives").EnumerateArray(), r => Assert.Equal(["fullName"], r.EnumerateObject().Select(p => p.Name)));
        var packet = PacketJson.Read(bytes);
        Assert.Equal(AgencyCode.Parse("000.00.14.H56"), packet.Header.Receiver);
        Assert.Equal(name, Assert.IsType<Enterprise>(packet.Body).Name);
    }

    private async Task<(string Code, string Name)> EnterpriseAsync()
    {
        var demo = await gateway.Sandbox.DemoAsync();
        var first = demo.GetProperty("enterprises").EnumerateArray().First();
        return (first.GetProperty("enterpriseCode").GetString()!, first.GetProperty("name").GetString()!);
    }
}
