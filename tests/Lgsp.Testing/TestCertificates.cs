using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lgsp.Testing;

/// <summary>Throw-away self-signed certificates for tests, made with <see cref="CertificateRequest"/>.</summary>
public static class TestCertificates
{
    /// <summary>A self-signed certificate with its RSA private key, valid from an hour ago for a year unless told otherwise.</summary>
    public static X509Certificate2 CreateRsa(string commonName, int keySize = 2048, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var rsa = RSA.Create(keySize);
        var request = new CertificateRequest($"CN={commonName}, O=LGSP tests", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(notBefore ?? now.AddHours(-1), notAfter ?? now.AddYears(1));
    }

    /// <summary>A self-signed RSA certificate for encrypting (key usage KeyEncipherment), e.g. the hub's token encryption.</summary>
    public static X509Certificate2 CreateRsaEncryption(string commonName, int keySize = 2048, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var rsa = RSA.Create(keySize);
        var request = new CertificateRequest($"CN={commonName}, O=LGSP tests", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, true));
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(notBefore ?? now.AddHours(-1), notAfter ?? now.AddYears(1));
    }

    /// <summary>A TLS server certificate for 127.0.0.1 and localhost (tests serve HTTPS on loopback with it).</summary>
    public static X509Certificate2 CreateTlsServer()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost, O=LGSP tests", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddYears(-1), now.AddYears(5));

        // Kestrel on Linux needs the key in an exportable, loadable form.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>A self-signed certificate with an EC key, on P-256 unless <paramref name="curve"/> says otherwise (packet keys are P-256 only).</summary>
    public static X509Certificate2 CreateEcdsa(string commonName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, ECCurve? curve = null)
    {
        using var ec = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=LGSP tests", ec, HashAlgorithmName.SHA256);
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(notBefore ?? now.AddHours(-1), notAfter ?? now.AddYears(1));
    }

    /// <summary>The certificate and its key as PKCS#12 bytes (no password when <paramref name="password"/> is null).</summary>
    public static byte[] ToPfx(X509Certificate2 certificate, string? password = null) =>
        certificate.Export(X509ContentType.Pkcs12, password);

    /// <summary>A fresh instance (with the private key) from PKCS#12 bytes: give each owner its own copy.</summary>
    public static X509Certificate2 FromPfx(byte[] pfx, string? password = null) =>
        X509CertificateLoader.LoadPkcs12(pfx, password, X509KeyStorageFlags.Exportable);

    /// <summary>The certificate alone, public part only.</summary>
    public static X509Certificate2 PublicOnly(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadCertificate(certificate.RawData);

    /// <summary>The RSA private key as unencrypted PKCS#8 PEM.</summary>
    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("No RSA private key.");
        return rsa.ExportPkcs8PrivateKeyPem();
    }
}
