using System.Security.Cryptography.X509Certificates;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Storage;
using Lgsp.Testing;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Tests.Identity;

/// <summary>Where the token certificates come from, and the certificates refused at start.</summary>
public sealed class TokenCertificatesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lgsp-token-certs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_EmbeddedHubWithoutCertificates_CreatesEs256AndRsaOnceAndReusesThem()
    {
        using var signing = Certificates().LoadSigning();
        using var encryption = Certificates().LoadEncryption();

        using (var ec = signing.GetECDsaPublicKey())
        {
            Assert.Equal(256, ec!.KeySize);
        }

        using (var rsa = encryption.GetRSAPublicKey())
        {
            Assert.Equal(2048, rsa!.KeySize);
        }

        Assert.Equal(X509KeyUsageFlags.KeyEncipherment, encryption.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        var signingPath = Path.Combine(_dir, "identity", TokenCertificates.SigningFileName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(signingPath));
        }

        using var again = Certificates().LoadSigning();
        Assert.Equal(signing.Thumbprint, again.Thumbprint);
    }

    [Fact]
    public void Load_ProductionWithoutCertificates_FailsNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Certificates(StorageProvider.Postgres, "Production").LoadSigning());

        Assert.StartsWith("Identity: Identity:SigningCertificate:CertificatePath is not set", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "identity")));
    }

    [Fact]
    public void Load_EncryptionCertificateWithoutKeyEncipherment_IsRefused()
    {
        using var signingOnly = TestCertificates.CreateRsa("signing only (test)");
        var path = Path.Combine(_dir, "enc.pfx");
        File.WriteAllBytes(path, TestCertificates.ToPfx(signingOnly));

        var ex = Assert.Throws<InvalidOperationException>(() => Certificates(configure: o => o.EncryptionCertificate.CertificatePath = path).LoadEncryption());

        Assert.Contains("KeyEncipherment", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SmallRsaSigningKey_IsRefused()
    {
        using var weak = TestCertificates.CreateRsa("weak (test)", keySize: 1024);
        var path = Path.Combine(_dir, "weak.pfx");
        File.WriteAllBytes(path, TestCertificates.ToPfx(weak));

        var ex = Assert.Throws<InvalidOperationException>(() => Certificates(configure: o => o.SigningCertificate.CertificatePath = path).LoadSigning());

        Assert.Contains("RSA-1024", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExpiredConfiguredCertificate_IsRefused()
    {
        using var old = TestCertificates.CreateEcdsa("expired (test)", DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddYears(-1));
        var path = Path.Combine(_dir, "old.pfx");
        File.WriteAllBytes(path, TestCertificates.ToPfx(old));

        var ex = Assert.Throws<InvalidOperationException>(() => Certificates(configure: o => o.SigningCertificate.CertificatePath = path).LoadSigning());

        Assert.Contains("is not valid now", ex.Message, StringComparison.Ordinal);
    }

    private TokenCertificates Certificates(StorageProvider provider = StorageProvider.Sqlite, string environment = "Testing", Action<HubIdentityOptions>? configure = null)
    {
        var options = new HubIdentityOptions { DevelopmentDirectory = Path.Combine(_dir, "identity") };
        configure?.Invoke(options);
        return new TokenCertificates(Options.Create(options), Options.Create(new StorageOptions { Provider = provider }),
            new Environment(environment, _dir), TimeProvider.System, NullLogger<TokenCertificates>.Instance);
    }

    private sealed class Environment(string name, string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Lgsp.Hub";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
