using System.Security.Cryptography.X509Certificates;
using Lgsp.Hub.Keys;
using Lgsp.Testing;

namespace Lgsp.Hub.Tests.Keys;

public sealed class OwnerOnlyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lgsp-devcert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task TryCreate_ConcurrentFirstStarts_ExactlyOneWinsAndEveryoneReadsItsFile()
    {
        var path = Path.Combine(_dir, "signing", "hub-development.pfx");
        var candidates = Enumerable.Range(0, 4).Select(i => TestCertificates.CreateRsa($"candidate {i}")).ToList();
        try
        {
            using var start = new Barrier(candidates.Count);
            var results = await Task.WhenAll(candidates.Select(c => Task.Run(() =>
            {
                start.SignalAndWait();
                return OwnerOnlyFile.TryCreate(path, c.Export(X509ContentType.Pkcs12));
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
    public void TryCreate_FileAlreadyThere_LeavesItUntouched()
    {
        var path = Path.Combine(_dir, "hub-development.pfx");
        File.WriteAllText(path, "existing");
        using var certificate = TestCertificates.CreateRsa("late (test)");

        Assert.False(OwnerOnlyFile.TryCreate(path, certificate.Export(X509ContentType.Pkcs12)));
        Assert.Equal("existing", File.ReadAllText(path));
    }
}
