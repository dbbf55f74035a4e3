using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lgsp.Adapters.Contract;
using Lgsp.Core.Signing;
using Lgsp.Hub.Tests.Gateway;
using Lgsp.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Lgsp.Hub.Tests.Gateway.GatewayAssertions;

namespace Lgsp.Hub.Tests.Signing;

/// <summary>
/// Both packet-key profiles through the real hub over HTTP: a business answer signed with the configured key (RSA:
/// RS256 and rsa-sha256; EC P-256: ES256 and ecdsa-sha256) verifies with what <c>/.well-known/lgsp/keys</c> publishes,
/// and its XML form with <c>xmlsec1</c> and the published PEM, no extra flag.
/// </summary>
public abstract class PacketKeyProfileTests(GatewayFixture gateway, string jwsAlgorithm, string xmlSignatureMethod, int publishedKeys)
{
    private const string Path = "/api/v1/business/enterprises/";

    protected GatewayFixture Gateway => gateway;

    [Fact]
    public async Task GetEnterprise_Json_IsSignedWithTheConfiguredKeyAndVerifiesWithThePublishedKeys()
    {
        using var response = await LookupAsync("application/json");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var jws = Assert.Single(response.Headers.GetValues("X-Lgsp-Signature"));
        using var anonymous = gateway.Api();
        using var verifier = await VerifierFromPublishedKeysAsync(anonymous, publishedKeys);

        var signer = verifier.VerifyDetachedJws(jws, bytes);

        Assert.Equal(jwsAlgorithm, JwsHeader(jws).GetProperty("alg").GetString());
        Assert.Equal(SigningKeyId.For(signer), JwsKeyId(jws));
        var pem = await anonymous.GetStringAsync(new Uri("/.well-known/lgsp/signing-certificate.pem", UriKind.Relative));
        Assert.Equal(signer.ExportCertificatePem(), pem.Trim());
        bytes[^2] ^= 1;
        Assert.Throws<Lgsp.Core.Errors.LgspException>(() => verifier.VerifyDetachedJws(jws, bytes));
    }

    [Fact]
    public async Task GetEnterprise_Xml_IsSignedWithTheConfiguredKeyAndVerifiesWithXmlsec1AndThePublishedKeys()
    {
        using var response = await LookupAsync("application/xml");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var xml = Encoding.UTF8.GetString(bytes);
        using var anonymous = gateway.Api();
        using var verifier = await VerifierFromPublishedKeysAsync(anonymous, publishedKeys);
        var pem = await anonymous.GetStringAsync(new Uri("/.well-known/lgsp/signing-certificate.pem", UriKind.Relative));

        var verified = verifier.VerifyXmlDocument(xml);
        var genuine = await Xmlsec1.VerifyAsync(bytes, pem);
        var changed = await Xmlsec1.VerifyAsync(xml.Replace("<Name>", "<Name>X", StringComparison.Ordinal), pem);

        Assert.Contains($"<SignatureMethod Algorithm=\"{xmlSignatureMethod}\"", xml, StringComparison.Ordinal);
        Assert.Equal(pem.Trim(), verified.Signer.ExportCertificatePem());
        Assert.True(genuine.Verified, $"xmlsec1 exit {genuine.ExitCode}:\n{genuine.Output}");
        Assert.False(changed.Verified, changed.Output);
    }

    protected async Task<HttpResponseMessage> LookupAsync(string accept)
    {
        var demo = await gateway.Sandbox.DemoAsync();
        var code = demo.GetProperty("enterprises").EnumerateArray().First().GetProperty("enterpriseCode").GetString()!;
        var token = await gateway.TokenAsync(GatewayFixture.Portal, "lgsp.business.read");
        var response = await gateway.GetAsync(Path + code, token, accept: accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    protected static JsonElement JwsHeader(string jws) =>
        JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jws.Split('.')[0])).RootElement.Clone();
}

/// <summary>The test hub's RSA-2048 packet key (<see cref="GatewayFixture"/>'s default): RS256 and rsa-sha256.</summary>
public sealed class RsaPacketKeyTests(GatewayFixture gateway)
    : PacketKeyProfileTests(gateway, "RS256", SignedXmlUris.RsaSha256, publishedKeys: 1), IClassFixture<GatewayFixture>;

/// <summary>
/// A rollover from RSA to EC P-256: the hub signs with its new EC key (ES256, ecdsa-sha256) and publishes the old RSA
/// one beside it (Signing:RolloverCertificatePaths), so what the old key signed still verifies.
/// </summary>
public sealed class EcRolloverPacketKeyTests(EcRolloverGatewayFixture gateway)
    : PacketKeyProfileTests(gateway, "ES256", SignedXmlUris.EcdsaSha256, publishedKeys: 2), IClassFixture<EcRolloverGatewayFixture>
{
    [Fact]
    public async Task Keys_DuringRollover_PublishBothKeysCurrentFirst()
    {
        using var anonymous = gateway.Api();

        var keys = (await anonymous.GetFromJsonAsync<JsonElement>("/.well-known/lgsp/keys")).GetProperty("keys").EnumerateArray().ToList();

        Assert.Equal(2, keys.Count);
        Assert.Equal(SigningKeyId.For(gateway.NewKey), SigningKeyId.For(PublishedCertificate(keys[0])));
        Assert.Equal("EC", keys[0].GetProperty("kty").GetString());
        Assert.Equal(SigningKeyId.For(gateway.OldKey), SigningKeyId.For(PublishedCertificate(keys[1])));
        Assert.Equal("RSA", keys[1].GetProperty("kty").GetString());
    }

    [Fact]
    public async Task PacketSignedWithTheOldKey_StillVerifiesWithThePublishedKeysAndInTheHub()
    {
        // An answer as the hub signed it before the rollover: the same bytes, signed with the old RSA key.
        using var response = await LookupAsync("application/json");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var oldSigner = new X509PacketSigner(TestCertificates.FromPfx(TestCertificates.ToPfx(gateway.OldKey)));
        var oldJws = oldSigner.SignDetachedJws(bytes);
        var oldXml = PacketXmlSignedWith(oldSigner);
        using var anonymous = gateway.Api();
        using var client = await VerifierFromPublishedKeysAsync(anonymous, expectedKeys: 2);
        var hub = gateway.Hub.Services.GetRequiredService<PacketSignatureVerifier>();

        Assert.Equal("RS256", JwsHeader(oldJws).GetProperty("alg").GetString());
        Assert.Equal(gateway.OldKey.Thumbprint, client.VerifyDetachedJws(oldJws, bytes).Thumbprint);
        Assert.Equal(gateway.OldKey.Thumbprint, hub.VerifyDetachedJws(oldJws, bytes).Thumbprint);
        Assert.Equal(gateway.OldKey.Thumbprint, client.VerifyXmlDocument(oldXml).Signer.Thumbprint);
        var pem = gateway.OldKey.ExportCertificatePem();
        var xmlsec1 = await Xmlsec1.VerifyAsync(oldXml, pem);
        Assert.True(xmlsec1.Verified, xmlsec1.Output);
    }

    private static string PacketXmlSignedWith(IPacketSigner signer)
    {
        var document = new System.Xml.XmlDocument { PreserveWhitespace = true };
        document.LoadXml("""<Packet xmlns="urn:lgsp:packet:v1" Id="pkt-old"><Body>before the rollover</Body></Packet>""");
        signer.SignXml(document.DocumentElement!);
        return document.OuterXml;
    }
}

/// <summary>The gateway with an EC P-256 packet key and the previous RSA-2048 one in Signing:RolloverCertificatePaths.</summary>
public sealed class EcRolloverGatewayFixture : GatewayFixture, IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lgsp-rollover-").FullName;

    /// <summary>The key the hub signs with (with its private key, for the test's own use only).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 NewKey { get; } = TestCertificates.CreateEcdsa("LGSP hub EC P-256 (rollover test)");

    /// <summary>The key it signed with before (with its private key: the test signs "old" packets with it).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 OldKey { get; } = TestCertificates.CreateRsa("LGSP hub RSA-2048 (rollover test)");

    protected override IDictionary<string, string?> AdapterSettings(SandboxFixture sandbox)
    {
        var settings = base.AdapterSettings(sandbox);
        var current = System.IO.Path.Combine(_dir, "hub-ec.pfx");
        var previous = System.IO.Path.Combine(_dir, "hub-rsa-previous.pem");
        File.WriteAllBytes(current, TestCertificates.ToPfx(NewKey));
        File.WriteAllText(previous, OldKey.ExportCertificatePem());
        settings["Signing:CertificatePath"] = current;
        settings["Signing:RolloverCertificatePaths:0"] = previous;
        return settings;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NewKey.Dispose();
        OldKey.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

internal static class SignedXmlUris
{
    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public const string EcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
}
