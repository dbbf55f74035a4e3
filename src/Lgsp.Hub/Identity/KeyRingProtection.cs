using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Lgsp.Hub.Identity;

/// <summary>
/// The Data Protection certificate (<see cref="HubIdentityOptions.DataProtectionCertificate"/>), read once for the
/// encryptor and the decryptor alike.
/// </summary>
internal sealed class KeyRingCertificate(TokenCertificates certificates)
{
    private readonly Lazy<X509Certificate2> _certificate = new(certificates.LoadDataProtection);

    public X509Certificate2 Value => _certificate.Value;
}

/// <summary>
/// Encrypts each Data Protection key before it is stored in the database: AES-256-GCM under a fresh key, that key
/// wrapped with RSA-OAEP-SHA256 for the Data Protection certificate. ASP.NET's own certificate encryptor needs the
/// certificate in the machine's store to decrypt, or given before the services exist; this pair takes it from the
/// hub's certificate files like every other key.
/// </summary>
internal sealed class KeyRingEncryptor(KeyRingCertificate certificate) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var cert = certificate.Value;
        using var rsa = cert.GetRSAPublicKey() ?? throw new InvalidOperationException("Identity:DataProtectionCertificate has no RSA key.");
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plaintext = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement("lgspEncryptedKey",
            new XAttribute("certificate", cert.Thumbprint),
            new XElement("wrappedKey", Convert.ToBase64String(rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256))),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("ciphertext", Convert.ToBase64String(ciphertext)));
        CryptographicOperations.ZeroMemory(key);
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }
}

/// <summary>Decrypts what <see cref="KeyRingEncryptor"/> stored; created by Data Protection with the hub's services.</summary>
internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var cert = services.GetRequiredService<KeyRingCertificate>().Value;
        var thumbprint = (string?)encryptedElement.Attribute("certificate");
        if (!string.Equals(thumbprint, cert.Thumbprint, StringComparison.OrdinalIgnoreCase))
        {
            throw new CryptographicException(
                $"A Data Protection key was encrypted for certificate {thumbprint}, not for Identity:DataProtectionCertificate ({cert.Thumbprint}); every instance needs the same certificate.");
        }

        using var rsa = cert.GetRSAPrivateKey() ?? throw new CryptographicException("Identity:DataProtectionCertificate has no RSA private key.");
        var key = rsa.Decrypt(Read(encryptedElement, "wrappedKey"), RSAEncryptionPadding.OaepSHA256);
        var tag = Read(encryptedElement, "tag");
        var ciphertext = Read(encryptedElement, "ciphertext");
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key, tag.Length);
            aes.Decrypt(Read(encryptedElement, "nonce"), ciphertext, tag, plaintext);
            return XElement.Parse(System.Text.Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] Read(XElement element, string name) =>
        Convert.FromBase64String((string?)element.Element(name) ?? throw new CryptographicException($"The encrypted Data Protection key has no {name}."));
}
