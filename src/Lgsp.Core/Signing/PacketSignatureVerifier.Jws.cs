using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Signing;

/// <summary>The detached-JWS half of the verifier (JSON packets).</summary>
public sealed partial class PacketSignatureVerifier
{
    /// <summary>
    /// Verifies a detached JWS (RFC 7515 Appendix F: <c>header..signature</c>) over exactly <paramref name="payload"/>.
    /// The key is found on the trust list by <c>x5t#S256</c> or <c>kid</c> (<see cref="SigningKeyId"/>); a key
    /// carried in the header itself is never used. Returns the signer's trust-list certificate.
    /// </summary>
    public X509Certificate2 VerifyDetachedJws(string jws, ReadOnlySpan<byte> payload) => VerifyDetachedJws(jws, payload, expectedType: null);

    /// <summary>
    /// Verifies a detached JWS over a document of the kind <paramref name="expectedType"/> names (the header's
    /// <c>typ</c>, as <see cref="IPacketSigner.SignDetachedJws(ReadOnlySpan{byte}, string)"/> writes it); <c>null</c>
    /// = a packet, whose header carries no <c>typ</c>. A signature made for another kind is
    /// <c>client.signature_invalid</c>.
    /// </summary>
    public X509Certificate2 VerifyDetachedJws(string jws, ReadOnlySpan<byte> payload, string? expectedType)
    {
        if (string.IsNullOrEmpty(jws))
        {
            throw Fail(ErrorCatalogue.SignatureMissing, new("Không có chữ ký JWS.", "No JWS was supplied."));
        }

        if (jws.Length > DetachedJws.MaxLength)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new($"Chữ ký JWS dài quá {DetachedJws.MaxLength} ký tự.", $"The JWS is longer than {DetachedJws.MaxLength} characters."));
        }

        var parts = jws.Split('.');
        if (parts.Length != 3)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Chữ ký JWS dạng rút gọn phải có đúng ba phần.", "A JWS in compact form has exactly three parts."));
        }

        if (parts[1].Length != 0)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Chữ ký JWS phải ở dạng tách rời: phần payload phải để trống.", "The JWS must be detached: the payload part must be empty."));
        }

        var (encodedHeader, encodedSignature) = (parts[0], parts[2]);
        var header = ReadJwsHeader(encodedHeader);

        if (!string.Equals(header.Type, expectedType, StringComparison.Ordinal))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, expectedType is null
                ? new($"Chữ ký JWS ký một tài liệu '{header.Type}', không phải gói tin.", $"The JWS signs a '{header.Type}' document, not a packet.")
                : new($"Chữ ký JWS không ký một tài liệu '{expectedType}'.", $"The JWS does not sign a '{expectedType}' document."));
        }

        var verdict = SignatureAlgorithms.ClassifyJws(header.Alg, out var hash, out var padding);
        if (verdict == AlgorithmVerdict.Weak)
        {
            throw Fail(ErrorCatalogue.SignatureWeakAlgorithm, new($"Thuật toán JWS '{header.Alg}' không được chấp nhận.", $"JWS algorithm '{header.Alg}' is not accepted."));
        }

        if (verdict != AlgorithmVerdict.Accepted)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new($"Thuật toán JWS '{header.Alg}' không được hỗ trợ.", $"JWS algorithm '{header.Alg}' is not supported."));
        }

        var keyId = header.CertificateThumbprint ?? header.KeyId
            ?? throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS không nêu khóa nào (kid hoặc x5t#S256).", "The JWS header names no key (kid or x5t#S256)."));
        var trusted = FindTrusted(keyId);
        if (header.KeyId is not null && !string.Equals(header.KeyId, SigningKeyId.For(trusted), StringComparison.Ordinal))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("kid và x5t#S256 trong phần đầu JWS chỉ tới hai chứng thư khác nhau.", "The JWS header's kid and x5t#S256 name different certificates."));
        }

        if (encodedSignature.Length == 0 || !DetachedJws.IsBase64UrlText(encodedSignature))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Chữ ký JWS không ở dạng base64url.", "The JWS signature is not base64url."));
        }

        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(encodedSignature);
        }
        catch (FormatException ex)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Chữ ký JWS không ở dạng base64url.", "The JWS signature is not base64url."), ex);
        }

        // The alg must be the trusted key's own (RS*/PS* for RSA, ES256 for EC P-256): a signature is never checked
        // under an algorithm its key was not made for.
        var keyType = PacketKeys.TypeOf(trusted, out _, out _);
        if ((keyType == PacketKeyType.EcP256) != (padding is null))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new($"Thuật toán JWS '{header.Alg}' không dùng được với khóa của người ký ({keyType}).", $"JWS algorithm '{header.Alg}' does not fit the signer's key ({keyType})."));
        }

        var input = DetachedJws.SigningInput(encodedHeader, payload);
        if (!VerifyJwsSignature(trusted, input, signature, hash, padding))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Chữ ký JWS không khớp với nội dung hoặc khóa của người ký.", "The JWS signature does not match the payload or the signer's key."));
        }

        return trusted;
    }

    // ---- JWS ----

    private static bool VerifyJwsSignature(X509Certificate2 trusted, byte[] input, byte[] signature, HashAlgorithmName hash, RSASignaturePadding? padding)
    {
        if (padding is null)
        {
            using var ec = trusted.GetECDsaPublicKey()!;
            // RFC 7518 §3.4: r‖s, exactly 64 bytes for ES256; DER is not accepted.
            return signature.Length == 64 && ec.VerifyData(input, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        using var rsa = trusted.GetRSAPublicKey()!;
        return rsa.VerifyData(input, signature, hash, padding);
    }

    private sealed record JwsHeader(string Alg, string? KeyId, string? CertificateThumbprint, string? Type);

    private static JwsHeader ReadJwsHeader(string encodedHeader)
    {
        if (encodedHeader.Length == 0 || !DetachedJws.IsBase64UrlText(encodedHeader))
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS không ở dạng base64url.", "The JWS header is not base64url."));
        }

        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(encodedHeader), new JsonDocumentOptions { MaxDepth = 8 });
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS không phải một đối tượng JSON.", "The JWS header is not a JSON object."));
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in json.RootElement.EnumerateObject())
            {
                // RFC 7515 §5.2: duplicate names must be rejected (or the last taken; rejecting is unambiguous).
                if (!names.Add(member.Name))
                {
                    throw Fail(ErrorCatalogue.SignatureInvalid, new($"Phần đầu JWS lặp lại '{member.Name}'.", $"The JWS header repeats '{member.Name}'."));
                }
            }

            // crit (RFC 7515 §4.1.11) lists extensions the recipient must understand; we understand none, and b64
            // (RFC 7797) would change what the signing input is.
            if (names.Contains("crit") || names.Contains("b64"))
            {
                throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS dùng phần mở rộng (crit, b64) không được hỗ trợ.", "The JWS header uses extensions (crit, b64) that are not supported."));
            }

            var alg = OptionalString(json.RootElement, DetachedJws.Algorithm)
                ?? throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS thiếu alg.", "The JWS header has no alg."));
            return new JwsHeader(
                alg,
                OptionalString(json.RootElement, DetachedJws.KeyId),
                OptionalString(json.RootElement, DetachedJws.CertificateSha256Thumbprint),
                OptionalString(json.RootElement, DetachedJws.Type));
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw Fail(ErrorCatalogue.SignatureInvalid, new("Phần đầu JWS không phải JSON base64url hợp lệ.", "The JWS header is not valid base64url JSON."), ex);
        }
    }

    private static string? OptionalString(JsonElement header, string name)
    {
        if (!header.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Fail(ErrorCatalogue.SignatureInvalid, new($"{name} trong phần đầu JWS phải là chuỗi.", $"The JWS header's {name} must be a string."));
    }
}
