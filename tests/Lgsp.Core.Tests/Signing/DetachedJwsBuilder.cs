using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Lgsp.Core.Tests.Signing;

/// <summary>
/// Builds detached JWS strings by hand, straight from RFC 7515 (independently of the hub's signer), so tests can
/// forge headers and signatures.
/// </summary>
internal static class DetachedJwsBuilder
{
    public static string Header(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string HeaderJson(string encodedHeader) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encodedHeader));

    public static byte[] SigningInput(string encodedHeader, byte[] payload) =>
        Encoding.ASCII.GetBytes(encodedHeader + "." + Base64Url.EncodeToString(payload));

    public static string Sign(string headerJson, byte[] payload, RSA key, HashAlgorithmName hash, RSASignaturePadding padding)
    {
        var header = Header(headerJson);
        return header + ".." + Base64Url.EncodeToString(key.SignData(SigningInput(header, payload), hash, padding));
    }

    public static string Rs256(string headerJson, byte[] payload, RSA key) =>
        Sign(headerJson, payload, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
