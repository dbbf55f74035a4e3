using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lgsp.Core.Errors;
using Lgsp.Core.Signing;
using Microsoft.Extensions.Time.Testing;

namespace Lgsp.Core.Tests.Signing;

/// <summary>Detached JWS (RFC 7515 Appendix F) for JSON packets: signed by the hub, verified by a receiver trusting it.</summary>
public sealed class PacketSignatureVerifierJwsTests : IDisposable
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes(
        """{"maHoSo":"000.00.14.H56-261124-0001","trangThaiHoSo":4,"ngayTiepNhan":"20261124094107","chuHoSo":"Nguyễn Thị Minh Khai"}""");

    private readonly FakeTimeProvider _time = SigningKeys.Clock();
    private readonly X509PacketSigner _signer = new(SigningKeys.Hub());
    private readonly PacketSignatureVerifier _verifier;

    public PacketSignatureVerifierJwsTests() => _verifier = SigningKeys.Verifier(_time);

    public void Dispose()
    {
        _verifier.Dispose();
        _signer.Dispose();
    }

    [Fact]
    public void VerifyDetachedJws_DocumentOfANamedType_VerifiesOnlyAsThatType()
    {
        const string Type = "lgsp-message-log-checkpoint+json";
        var jws = _signer.SignDetachedJws(Payload, Type);

        Assert.Equal(_signer.Certificate.Thumbprint, _verifier.VerifyDetachedJws(jws, Payload, Type).Thumbprint);
        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(jws, Payload));
        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(jws, Payload, "something-else+json"));
        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(_signer.SignDetachedJws(Payload), Payload, Type));
    }

    [Fact]
    public void VerifyDetachedJws_SignedByTheHub_ReturnsSigner()
    {
        var jws = _signer.SignDetachedJws(Payload);

        var signer = _verifier.VerifyDetachedJws(jws, Payload);

        Assert.Equal(_signer.Certificate.Thumbprint, signer.Thumbprint);
        Assert.False(signer.HasPrivateKey);
    }

    [Fact]
    public void VerifyDetachedJws_EmptyPayload_Verifies()
    {
        var jws = _signer.SignDetachedJws([]);

        Assert.Equal(_signer.Certificate.Thumbprint, _verifier.VerifyDetachedJws(jws, []).Thumbprint);
    }

    [Fact]
    public void VerifyDetachedJws_Ps256FromATrustedPartner_Verifies()
    {
        using var partner = SigningKeys.Partner();
        using var key = partner.GetRSAPrivateKey()!;
        var kid = SigningKeyId.For(partner);
        var jws = DetachedJwsBuilder.Sign($$"""{"alg":"PS256","x5t#S256":"{{kid}}"}""", Payload, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

        Assert.Equal(partner.Thumbprint, _verifier.VerifyDetachedJws(jws, Payload).Thumbprint);
    }

    [Fact]
    public void VerifyDetachedJws_OneBytePayloadChanged_IsSignatureInvalid()
    {
        var jws = _signer.SignDetachedJws(Payload);
        var changed = (byte[])Payload.Clone();
        changed[20] ^= 0x01;

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(jws, changed));
    }

    [Fact]
    public void VerifyDetachedJws_PayloadWithOneByteMore_IsSignatureInvalid()
    {
        var jws = _signer.SignDetachedJws(Payload);

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(jws, [.. Payload, (byte)'\n']));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("HS256")]
    [InlineData("HS512")]
    [InlineData("RS1")]
    public void VerifyDetachedJws_HeaderAlgReplaced_IsWeakAlgorithm(string alg)
    {
        var kid = _signer.KeyId;
        var header = DetachedJwsBuilder.Header($$"""{"alg":"{{alg}}","kid":"{{kid}}","x5t#S256":"{{kid}}"}""");

        // For HMAC, the classic confusion: the verifier's own public certificate used as the shared secret.
        var signature = alg.StartsWith("HS", StringComparison.Ordinal)
            ? Base64Url.EncodeToString(HMACSHA256.HashData(_signer.Certificate.RawData, DetachedJwsBuilder.SigningInput(header, Payload)))
            : "";

        Rejection.Assert(ErrorCatalogue.SignatureWeakAlgorithm, () => _verifier.VerifyDetachedJws(header + ".." + signature, Payload));
    }

    [Fact]
    public void VerifyDetachedJws_UnsupportedAlgorithm_IsSignatureInvalid()
    {
        var jws = _signer.SignDetachedJws(Payload);
        var parts = jws.Split('.');
        var header = DetachedJwsBuilder.Header(DetachedJwsBuilder.HeaderJson(parts[0]).Replace("RS256", "ES256", StringComparison.Ordinal));

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(header + ".." + parts[2], Payload));
    }

    [Fact]
    public void VerifyDetachedJws_SignedWithAnotherKeyUnderTheHubsKid_IsSignatureInvalid()
    {
        using var stranger = SigningKeys.Stranger();
        using var strangerKey = stranger.GetRSAPrivateKey()!;
        var kid = _signer.KeyId;
        var forged = DetachedJwsBuilder.Rs256($$"""{"alg":"RS256","kid":"{{kid}}","x5t#S256":"{{kid}}"}""", Payload, strangerKey);

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(forged, Payload));
    }

    [Fact]
    public void VerifyDetachedJws_SignedByUntrustedCertificate_IsSignatureUntrusted()
    {
        using var stranger = new X509PacketSigner(SigningKeys.Stranger());

        Rejection.Assert(ErrorCatalogue.SignatureUntrusted, () => _verifier.VerifyDetachedJws(stranger.SignDetachedJws(Payload), Payload));
    }

    [Fact]
    public void VerifyDetachedJws_KidOfAnUnknownCertificate_IsSignatureUntrusted()
    {
        using var hub = SigningKeys.Hub();
        using var key = hub.GetRSAPrivateKey()!;
        var unknown = Base64Url.EncodeToString(SHA256.HashData("some other certificate"u8));
        var jws = DetachedJwsBuilder.Rs256($$"""{"alg":"RS256","kid":"{{unknown}}"}""", Payload, key);

        Rejection.Assert(ErrorCatalogue.SignatureUntrusted, () => _verifier.VerifyDetachedJws(jws, Payload));
    }

    [Fact]
    public void VerifyDetachedJws_KidAndThumbprintNameDifferentCertificates_IsSignatureInvalid()
    {
        using var hub = SigningKeys.Hub();
        using var partner = SigningKeys.Partner();
        using var key = hub.GetRSAPrivateKey()!;
        var jws = DetachedJwsBuilder.Rs256(
            $$"""{"alg":"RS256","kid":"{{SigningKeyId.For(partner)}}","x5t#S256":"{{SigningKeyId.For(hub)}}"}""", Payload, key);

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(jws, Payload));
    }

    [Fact]
    public void VerifyDetachedJws_CertificateExpired_IsSignatureUntrusted()
    {
        var jws = _signer.SignDetachedJws(Payload);
        _time.SetUtcNow(SigningKeys.ValidUntil.AddSeconds(1));

        Rejection.Assert(ErrorCatalogue.SignatureUntrusted, () => _verifier.VerifyDetachedJws(jws, Payload));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void VerifyDetachedJws_NoJws_IsSignatureMissing(string? jws)
    {
        Rejection.Assert(ErrorCatalogue.SignatureMissing, () => _verifier.VerifyDetachedJws(jws!, Payload));
    }

    [Theory]
    [InlineData("signature-truncated")]
    [InlineData("signature-one-character-short")]
    [InlineData("signature-dropped")]
    [InlineData("header-truncated")]
    [InlineData("two-parts")]
    [InlineData("four-parts")]
    [InlineData("payload-attached")]
    [InlineData("padding")]
    [InlineData("whitespace")]
    [InlineData("standard-base64-alphabet")]
    [InlineData("header-not-json")]
    [InlineData("header-json-array")]
    [InlineData("header-without-alg")]
    [InlineData("header-without-key")]
    [InlineData("header-alg-not-a-string")]
    [InlineData("header-duplicate-alg")]
    [InlineData("header-crit")]
    [InlineData("header-b64-false")]
    [InlineData("too-long")]
    public void VerifyDetachedJws_Malformed_IsSignatureInvalid(string variant)
    {
        var jws = _signer.SignDetachedJws(Payload);
        var parts = jws.Split('.');
        var (header, signature) = (parts[0], parts[2]);
        var kid = _signer.KeyId;
        string WithHeader(string json) => DetachedJwsBuilder.Header(json) + ".." + signature;

        var malformed = variant switch
        {
            "signature-truncated" => jws[..^10],
            "signature-one-character-short" => jws[..^1],
            "signature-dropped" => header + "..",
            "header-truncated" => header[..^4] + ".." + signature,
            "two-parts" => header + "." + signature,
            "four-parts" => jws + ".x",
            "payload-attached" => header + "." + Base64Url.EncodeToString(Payload) + "." + signature,
            "padding" => header + "==.." + signature,
            "whitespace" => header[..10] + " " + header[10..] + ".." + signature,
            "standard-base64-alphabet" => header + ".." + signature.Replace('-', '+').Replace('_', '/') + "+",
            "header-not-json" => DetachedJwsBuilder.Header("alg=RS256") + ".." + signature,
            "header-json-array" => WithHeader("""["RS256"]"""),
            "header-without-alg" => WithHeader($$"""{"kid":"{{kid}}"}"""),
            "header-without-key" => WithHeader("""{"alg":"RS256"}"""),
            "header-alg-not-a-string" => WithHeader($$"""{"alg":256,"kid":"{{kid}}"}"""),
            "header-duplicate-alg" => WithHeader($$"""{"alg":"RS256","kid":"{{kid}}","alg":"none"}"""),
            "header-crit" => WithHeader($$"""{"alg":"RS256","kid":"{{kid}}","crit":["exp"],"exp":1}"""),
            "header-b64-false" => WithHeader($$"""{"alg":"RS256","kid":"{{kid}}","b64":false,"crit":["b64"]}"""),
            "too-long" => header + ".." + new string('A', 20_000),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };

        Rejection.Assert(ErrorCatalogue.SignatureInvalid, () => _verifier.VerifyDetachedJws(malformed, Payload));
    }

    [Fact]
    public void PacketSignatureVerifier_TrustedCertificateWithRsa1024_IsRefused()
    {
        using var weak = SigningKeys.Weak();

        var ex = Assert.Throws<ArgumentException>(() => new PacketSignatureVerifier([weak], _time));
        Assert.Contains("2048", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PacketSignatureVerifier_TrustedCertificateWithEcKeyNotOnP256_IsRefused()
    {
        // EC P-256 is a packet key (ES256, ecdsa-sha256); other curves are not.
        using var ec = Lgsp.Testing.TestCertificates.CreateEcdsa("EC signer (test)", curve: ECCurve.NamedCurves.nistP384);

        var ex = Assert.Throws<ArgumentException>(() => new PacketSignatureVerifier([ec], _time));
        Assert.Contains("P-256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustedCertificates_AreCopiesWithoutPrivateKeys()
    {
        Assert.Equal(2, _verifier.TrustedCertificates.Count);
        Assert.All(_verifier.TrustedCertificates, c => Assert.False(c.HasPrivateKey));
        Assert.Contains(_verifier.TrustedCertificates, c => c.Thumbprint == _signer.Certificate.Thumbprint);
    }
}
