using System.Security.Cryptography.X509Certificates;
using Lgsp.Hub.Signing;
using Lgsp.Testing;

namespace Lgsp.Hub.Tests.Signing;

public sealed class DevelopmentSigningCertificateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lgsp-devcert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task TryPersist_ConcurrentFirstStarts_ExactlyOneWinsAndEveryoneReadsItsFile()
    {
        var path = Path.Combine(_dir, "signing", "hub-development.pfx");
        var candidates = Enumerable.Range(0, 4).Select(i => TestCertificates.CreateRsa($"candidate {i}")).ToList();
        try
        {
            using var start = new Barrier(candidates.Count);
            var results = await Task.WhenAll(candidates.Select(c => Task.Run(() =>
            {
                start.SignalAndWait();
                return DevelopmentSigningCertificate.TryPersist(c, path);
            })));

            var winner = Assert.Single(candidates.Where((_, i) => results[i]));
            using var onDisk = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            Assert.Equal(winner.Thumbprint, onDisk.Thumbprint);
            Assert.True(onDisk.HasPrivateKey);
            Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        }
        finally
        {
            candidates.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public void TryPersist_FileAlreadyThere_LeavesItUntouched()
    {
        var path = Path.Combine(_dir, "hub-development.pfx");
        File.WriteAllText(path, "existing");
        using var certificate = TestCertificates.CreateRsa("late (test)");

        Assert.False(DevelopmentSigningCertificate.TryPersist(certificate, path));
        Assert.Equal("existing", File.ReadAllText(path));
    }
}
