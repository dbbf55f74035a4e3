using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Lgsp.Core.Signing;

/// <summary>
/// The JWS compact form with a detached payload (RFC 7515 §7.1 and Appendix F). Only the framing lives here;
/// the signature itself is <c>RSA.SignData</c> / <c>RSA.VerifyData</c> over <see cref="SigningInput"/>.
/// </summary>
internal static class DetachedJws
{
    /// <summary>Longer than any header plus an RSA-8192 signature; bounds work done on hostile input.</summary>
    public const int MaxLength = 16 * 1024;

    public const string Algorithm = "alg";
    public const string KeyId = "kid";
    public const string CertificateSha256Thumbprint = "x5t#S256";
    public const string Type = "typ";

    /// <summary>BASE64URL(UTF8(JSON header)).</summary>
    public static string EncodeHeader(string alg, string keyId, string certificateThumbprint, string? type = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(Algorithm, alg);
            json.WriteString(KeyId, keyId);
            json.WriteString(CertificateSha256Thumbprint, certificateThumbprint);
            if (type is not null)
            {
                json.WriteString(Type, type);
            }

            json.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>ASCII(BASE64URL(header) || '.' || BASE64URL(payload)): what is signed, although the payload travels apart.</summary>
    public static byte[] SigningInput(ReadOnlySpan<char> encodedHeader, ReadOnlySpan<byte> payload)
    {
        var input = new byte[encodedHeader.Length + 1 + Base64Url.GetEncodedLength(payload.Length)];
        var written = Encoding.ASCII.GetBytes(encodedHeader, input);
        input[written++] = (byte)'.';
        Base64Url.EncodeToUtf8(payload, input.AsSpan(written));
        return input;
    }

    /// <summary>
    /// Strict base64url text: the URL-safe alphabet only. .NET's decoders skip whitespace and accept padding,
    /// which RFC 7515 forbids and which would let two different texts carry one header.
    /// </summary>
    public static bool IsBase64UrlText(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
