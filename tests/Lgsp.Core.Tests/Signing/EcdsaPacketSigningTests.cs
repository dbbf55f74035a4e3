using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Lgsp.Core.Errors;
using Lgsp.Core.Signing;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Core.Tests.Signing;

/// <summary>
/// The ECDSA profile beside RSA: an EC P-256 packet key signs JSON packets with ES256 (detached JWS) and XML packets with
/// ecdsa-sha256 (XML-DSig), and a verifier trusting both the old RSA key and the new EC one (a rollover) accepts both.
/// </summary>
public sealed class EcdsaPacketSigningTests : IDisposable
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"maHoSo":"000.00.14.H56-261124-0001","trangThaiHoSo":4}""");

    private readonly FakeTimeProvider _time = SigningKeys.Clock();
    private readonly X509PacketSigner _ec = new(SigningKeys.HubEc());
    private readonly X509PacketSigner _rsa = new(SigningKeys.Hub());
    private readonly PacketSignatureVerifier _verifier;

    public EcdsaPacketSigningTests() => _verifier = SigningKeys.RolloverVerifier(_time);

    public void Dispose()
    {
        _verifier.Dispose();
        _ec.Dispose();
        _rsa.Dispose();
    }

    [Fact]
    public void SignDetachedJws_EcP256Key_IsEs256WithRawSignatureAndVerifies()
    {
        var jws = _ec.SignDetachedJws(Payload);

        var parts = jws.Split('.');
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(_ec.KeyId, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(64, Base64Url.DecodeFromChars(parts[2]).Length); // r‖s (RFC 7518 §3.4), not DER
        Assert.Equal(PacketKeyType.EcP256, _ec.KeyType);
        Assert.Equal(_ec.Certificate.Thumbprint, _verifier.VerifyDetachedJws(jws, Payload).Thumbprint);
    }

    [Fact]
    public void SignDetachedJws_EcP256Key_VerifiesWithThePublicKeyAloneAsAnyJoseLibraryWould()
    {
        var parts = _ec.SignDetachedJws(Payload).Split('.');
        var input = Encoding.ASCII.GetBytes(parts[0] + "." + Base64Url.EncodeToString(Payload));
        using var key = _ec.Certificate.GetECDsaPublicKey()!;

        Assert.True(key.VerifyData(input, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256));
    }

    [Fact]
    public void VerifyDetachedJws_Es256OverChangedPayload_IsSignatureInvalid()
    {
        var jws = _ec.SignDetachedJws(Payload);
        var changed = (byte[])Payload.Clone();
        changed[^3] ^= 1;

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(jws, changed));
    }

    [Fact]
    public void VerifyDetachedJws_AlgThatDoesNotFitTheKey_IsSignatureInvalid()
    {
        // The EC key's signature relabelled RS256, and the RSA key's relabelled ES256: never checked under another algorithm.
        var ecParts = _ec.SignDetachedJws(Payload).Split('.');
        var rsaParts = _rsa.SignDetachedJws(Payload).Split('.');

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(Relabel(ecParts, "RS256", _ec.KeyId), Payload));
        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(Relabel(rsaParts, "ES256", _rsa.KeyId), Payload));
    }

    [Fact]
    public void VerifyDetachedJws_DuringRollover_BothTheOldRsaAndTheNewEcKeyVerify()
    {
        Assert.Equal(_rsa.Certificate.Thumbprint, _verifier.VerifyDetachedJws(_rsa.SignDetachedJws(Payload), Payload).Thumbprint);
        Assert.Equal(_ec.Certificate.Thumbprint, _verifier.VerifyDetachedJws(_ec.SignDetachedJws(Payload), Payload).Thumbprint);
    }

    [Fact]
    public void SignXml_EcP256Key_IsEcdsaSha256AndVerifies()
    {
        var signed = SamplePacket.Signed(_ec);

        var verified = _verifier.VerifyXmlDocument(signed);

        Assert.Equal(_ec.Certificate.Thumbprint, verified.Signer.Thumbprint);
        var method = SamplePacket.Child(SamplePacket.Child(SamplePacket.SignatureOf(verified.Element), "SignedInfo"), "SignatureMethod");
        Assert.Equal(SignatureAlgorithms.EcdsaSha256, method.GetAttribute("Algorithm"));
    }

    [Fact]
    public void VerifyXml_EcdsaSignedPacketChanged_IsSignatureInvalid()
    {
        var document = SamplePacket.Load(SamplePacket.Signed(_ec));
        var name = SamplePacket.CitizenNameElement(document.DocumentElement!);
        name.InnerText += " (giả)";

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyXml(document.DocumentElement!));
    }

    [Fact]
    public void VerifyXml_EcdsaSignatureMethodOverAnRsaKey_IsSignatureInvalid()
    {
        // The RSA key's signature relabelled ecdsa-sha256: SignedXml must not run it under the wrong key type.
        var document = SamplePacket.Load(SamplePacket.Signed(_rsa));
        var signedInfo = SamplePacket.Child(SamplePacket.SignatureOf(document.DocumentElement!), "SignedInfo");
        SamplePacket.Child(signedInfo, "SignatureMethod").SetAttribute("Algorithm", SignatureAlgorithms.EcdsaSha256);

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyXml(document.DocumentElement!));
    }

    [Fact]
    public void VerifyXml_DuringRollover_BothTheOldRsaAndTheNewEcKeyVerify()
    {
        Assert.Equal(_rsa.Certificate.Thumbprint, _verifier.VerifyXmlDocument(SamplePacket.Signed(_rsa)).Signer.Thumbprint);
        Assert.Equal(_ec.Certificate.Thumbprint, _verifier.VerifyXmlDocument(SamplePacket.Signed(_ec)).Signer.Thumbprint);
    }

    private static string Relabel(string[] parts, string alg, string keyId)
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"{{alg}}","kid":"{{keyId}}","x5t#S256":"{{keyId}}"}"""));
        return header + ".." + parts[2];
    }
}
