using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lgsp.Core.Signing;
using Lgsp.Hub.Signing;
using Lgsp.Hub.Tests.Infrastructure;
using Lgsp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Tests.Signing;

/// <summary>
/// Where the hub's signing certificate comes from: the development certificate of an embedded hub (made once,
/// reused), a configured PFX or PEM, and the start-up failures an operator must see instead of a running hub.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SigningConfigurationTests(PostgresFixture postgres) : IDisposable
{
    private static readonly byte[] Payload = """{"maHoSo":"000.00.14.H56-261124-0001","trangThaiHoSo":2}"""u8.ToArray();

    private readonly string _dir = Directory.CreateTempSubdirectory("lgsp-signing-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // ---- development certificate ----

    [Fact]
    public void Start_EmbeddedHubWithoutCertificate_CreatesTheDevelopmentCertificateOnceAndReusesIt()
    {
        var path = Path.Combine(_dir, "signing", "hub-development.pfx");
        var settings = new Dictionary<string, string?> { ["Signing:DevelopmentCertificatePath"] = path };

        string first;
        byte[] written;
        using (var hub = HubFactory.OnSqlite(settings))
        {
            var signer = hub.Services.GetRequiredService<IPacketSigner>();
            first = signer.Certificate.Thumbprint;
            written = File.ReadAllBytes(path);

            Assert.Equal(DevelopmentSigningCertificate.Subject, signer.Certificate.Subject);
            // New installs sign with EC P-256 (ES256, ecdsa-sha256): src/Lgsp.Core/Signing/README.md, "Packet keys".
            using var key = signer.Certificate.GetECDsaPublicKey()!;
            Assert.Equal(256, key.KeySize);
            Assert.Equal(PacketKeyType.EcP256, PacketKeys.TypeOf(signer.Certificate, out _, out _));
            var usage = signer.Certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
            Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);
            Assert.True(signer.Certificate.NotAfter - signer.Certificate.NotBefore > TimeSpan.FromDays(4 * 365));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }

        using (var again = HubFactory.OnSqlite(settings))
        {
            Assert.Equal(first, again.Services.GetRequiredService<IPacketSigner>().Certificate.Thumbprint);
            Assert.Equal(written, File.ReadAllBytes(path));
        }
    }

    [Fact]
    public void Start_DefaultDevelopmentPath_IsUnderTheContentRoot()
    {
        // A content root of the test's own, so the default (relative) path does not land in the source tree.
        using var hub = HubFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["contentRoot"] = _dir,
            // The operator's config/ is found from the content root; this one is elsewhere, so name it.
            ["ConfigDirectory"] = Lgsp.Testing.RepoPaths.Combine("config"),
            ["Signing:DevelopmentCertificatePath"] = SigningOptions.DefaultDevelopmentCertificatePath,
        });

        var thumbprint = hub.Services.GetRequiredService<IPacketSigner>().Certificate.Thumbprint;

        var path = Path.Combine(_dir, SigningOptions.DefaultDevelopmentCertificatePath);
        using var onDisk = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        Assert.Equal(onDisk.Thumbprint, thumbprint);
    }

    [Fact]
    public async Task Start_DevelopmentCertificatePathNotWritable_FailsNamingTheSetting()
    {
        // A regular file where the folder should be: not writable whoever runs the test (root included).
        var blocker = Path.Combine(_dir, "blocker");
        File.WriteAllText(blocker, "not a folder");

        var ex = await SigningHost.StartFailsAsync(_dir, new Dictionary<string, string?>
        {
            ["Signing:DevelopmentCertificatePath"] = Path.Combine(blocker, "signing", "hub-development.pfx"),
        });

        Assert.Contains("Signing:DevelopmentCertificatePath", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DevelopmentEnvironmentOnPostgresWithoutCertificate_UsesTheDevelopmentCertificate()
    {
        var path = Path.Combine(_dir, "dev.pfx");
        await using var hub = await HubFactory.OnPostgresAsync(postgres.Server, new Dictionary<string, string?>
        {
            ["environment"] = "Development",
            ["Signing:DevelopmentCertificatePath"] = path,
        });

        var signer = hub.Services.GetRequiredService<IPacketSigner>();

        Assert.Equal(DevelopmentSigningCertificate.Subject, signer.Certificate.Subject);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Start_ProductionWithoutCertificate_FailsNamingTheSetting()
    {
        var path = Path.Combine(_dir, "dev.pfx");

        var ex = await SigningHost.StartFailsAsync(_dir, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Signing:DevelopmentCertificatePath"] = path,
        }, environment: "Production");

        Assert.Contains("Signing:CertificatePath is not set", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    // ---- configured certificates ----

    [Fact]
    public void Start_PfxWithPasswordFromEnvironment_SignsAndVerifiesWithIt()
    {
        using var certificate = TestCertificates.CreateRsa("LGSP hub (PFX test)");
        var path = Path.Combine(_dir, "hub.pfx");
        const string password = "mật-khẩu PFX 2026!";
        File.WriteAllBytes(path, TestCertificates.ToPfx(certificate, password));
        var variable = "LGSP_TEST_SIGNING_PASSWORD_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, password);
        try
        {
            using var hub = HubFactory.OnSqlite(new Dictionary<string, string?>
            {
                ["Signing:CertificatePath"] = path,
                ["Signing:PasswordEnvironmentVariable"] = variable,
            });

            var signer = hub.Services.GetRequiredService<IPacketSigner>();
            var verifier = hub.Services.GetRequiredService<PacketSignatureVerifier>();

            Assert.Equal(certificate.Thumbprint, signer.Certificate.Thumbprint);
            Assert.False(signer.Certificate.HasPrivateKey);
            Assert.Equal(certificate.Thumbprint, verifier.VerifyDetachedJws(signer.SignDetachedJws(Payload), Payload).Thumbprint);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Start_PfxWithWrongPassword_Fails()
    {
        using var certificate = TestCertificates.CreateRsa("LGSP hub (PFX test)");
        var path = Path.Combine(_dir, "hub.pfx");
        File.WriteAllBytes(path, TestCertificates.ToPfx(certificate, "the right one"));
        var variable = "LGSP_TEST_SIGNING_PASSWORD_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, "a wrong one");
        try
        {
            var ex = await SigningHost.StartFailsAsync(_dir, new Dictionary<string, string?>
            {
                ["Signing:CertificatePath"] = path,
                ["Signing:PasswordEnvironmentVariable"] = variable,
            });

            Assert.Contains("could not be opened", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("a wrong one", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Start_PasswordVariableNotSet_FailsNamingTheVariable()
    {
        using var certificate = TestCertificates.CreateRsa("LGSP hub (PFX test)");
        var path = Path.Combine(_dir, "hub.pfx");
        File.WriteAllBytes(path, TestCertificates.ToPfx(certificate, "secret"));
        var ex = await SigningHost.StartFailsAsync(_dir, new Dictionary<string, string?>
        {
            ["Signing:CertificatePath"] = path,
            ["Signing:PasswordEnvironmentVariable"] = "LGSP_TEST_SIGNING_PASSWORD_NEVER_SET",
        });

        Assert.Contains("LGSP_TEST_SIGNING_PASSWORD_NEVER_SET", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_PemCertificateAndKeyFiles_SignsAndVerifiesWithThem()
    {
        using var certificate = TestCertificates.CreateRsa("LGSP hub (PEM test)");
        var certificatePath = Path.Combine(_dir, "hub.crt");
        var keyPath = Path.Combine(_dir, "hub.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, TestCertificates.PrivateKeyPem(certificate));
        using var hub = HubFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Signing:CertificatePath"] = certificatePath,
            ["Signing:PrivateKeyPath"] = keyPath,
        });

        var signer = hub.Services.GetRequiredService<IPacketSigner>();
        var verifier = hub.Services.GetRequiredService<PacketSignatureVerifier>();

        Assert.Equal(certificate.Thumbprint, signer.Certificate.Thumbprint);
        Assert.Equal(certificate.Thumbprint, verifier.VerifyDetachedJws(signer.SignDetachedJws(Payload), Payload).Thumbprint);
    }

    [Fact]
    public void Start_PemWithCertificateAndKeyInOneFile_SignsWithIt()
    {
        using var certificate = TestCertificates.CreateRsa("LGSP hub (PEM bundle test)");
        var path = Path.Combine(_dir, "hub.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + TestCertificates.PrivateKeyPem(certificate));
        using var hub = HubFactory.OnSqlite(new Dictionary<string, string?> { ["Signing:CertificatePath"] = path });

        Assert.Equal(certificate.Thumbprint, hub.Services.GetRequiredService<IPacketSigner>().Certificate.Thumbprint);
    }

    [Fact]
    public async Task Start_CertificateFileMissing_FailsNamingSettingAndFile()
    {
        var path = Path.Combine(_dir, "nowhere", "hub.pfx");

        var ex = await SigningHost.StartFailsAsync(_dir, new Dictionary<string, string?> { ["Signing:CertificatePath"] = path });

        Assert.Contains("Signing:CertificatePath", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pem-without-key", "without a private key")]
    [InlineData("pfx-without-key", "has no private key")]
    [InlineData("rsa-1024", "RSA-1024")]
    [InlineData("ecdsa-p384", "other than P-256")]
    [InlineData("expired", "is not valid now")]
    [InlineData("not-a-certificate", "could not be opened")]
    public async Task Start_UnusableCertificate_Fails(string variant, string expected)
    {
        var path = Path.Combine(_dir, "hub-" + variant);
        switch (variant)
        {
            case "pem-without-key":
                using (var c = TestCertificates.CreateRsa("no key (test)"))
                {
                    File.WriteAllText(path, c.ExportCertificatePem());
                }

                break;
            case "pfx-without-key":
                using (var c = TestCertificates.CreateRsa("no key (test)"))
                {
                    using var publicOnly = TestCertificates.PublicOnly(c);
                    File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pkcs12));
                }

                break;
            case "rsa-1024":
                using (var c = TestCertificates.CreateRsa("weak (test)", keySize: 1024))
                {
                    File.WriteAllBytes(path, TestCertificates.ToPfx(c));
                }

                break;
            case "ecdsa-p384":
                using (var c = TestCertificates.CreateEcdsa("ec (test)", curve: ECCurve.NamedCurves.nistP384))
                {
                    File.WriteAllBytes(path, TestCertificates.ToPfx(c));
                }

                break;
            case "expired":
                var now = TimeProvider.System.GetUtcNow();
                using (var c = TestCertificates.CreateRsa("expired (test)", notBefore: now.AddYears(-2), notAfter: now.AddDays(-1)))
                {
                    File.WriteAllBytes(path, TestCertificates.ToPfx(c));
                }

                break;
            default:
                File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(600));
                break;
        }

        var ex = await SigningHost.StartFailsAsync(_dir, new Dictionary<string, string?> { ["Signing:CertificatePath"] = path });

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PasswordWrittenWhereTheVariableNameGoes_FailsValidationWithoutEchoingIt()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => SigningHost.StartAsync(_dir, new Dictionary<string, string?>
        {
            ["Signing:CertificatePath"] = Path.Combine(_dir, "hub.pfx"),
            ["Signing:PasswordEnvironmentVariable"] = "Pa$$w0rd!2026",
        }));

        Assert.Contains("Signing:PasswordEnvironmentVariable", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Pa$$w0rd!2026", ex.Message, StringComparison.Ordinal);
    }

    // ---- trust list ----

    [Fact]
    public void Start_TrustedCertificatesInPemAndDer_AreTrustedBesidesTheHubsOwn()
    {
        using var partnerA = TestCertificates.CreateRsa("Partner A (test)");
        using var partnerB = TestCertificates.CreateRsa("Partner B (test)");
        var pem = Path.Combine(_dir, "partner-a.pem");
        var der = Path.Combine(_dir, "partner-b.cer");
        File.WriteAllText(pem, partnerA.ExportCertificatePem());
        File.WriteAllBytes(der, partnerB.RawData);
        using var hub = HubFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Signing:DevelopmentCertificatePath"] = Path.Combine(_dir, "dev.pfx"),
            ["Signing:TrustedCertificatePaths:0"] = pem,
            ["Signing:TrustedCertificatePaths:1"] = der,
        });

        var signer = hub.Services.GetRequiredService<IPacketSigner>();
        var verifier = hub.Services.GetRequiredService<PacketSignatureVerifier>();

        Assert.Equal(
            new[] { signer.Certificate.Thumbprint, partnerA.Thumbprint, partnerB.Thumbprint }.Order(),
            verifier.TrustedCertificates.Select(c => c.Thumbprint).Order());
        using var partnerSigner = new X509PacketSigner(TestCertificates.FromPfx(TestCertificates.ToPfx(partnerA)));
        Assert.Equal(partnerA.Thumbprint, verifier.VerifyDetachedJws(partnerSigner.SignDetachedJws(Payload), Payload).Thumbprint);
    }

    [Fact]
    public async Task Start_TrustedCertificateMissing_FailsNamingTheEntry()
    {
        var ex = await SigningHost.StartFailsAsync(_dir, new Dictionary<string, string?>
        {
            ["Signing:DevelopmentCertificatePath"] = Path.Combine(_dir, "dev.pfx"),
            ["Signing:TrustedCertificatePaths:0"] = Path.Combine(_dir, "absent.pem"),
        });

        Assert.Contains("Signing:TrustedCertificatePaths:0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }
}
