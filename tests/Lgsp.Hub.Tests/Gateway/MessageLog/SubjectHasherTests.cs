using Lgsp.Hub.Gateway;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.Storage;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Tests.Gateway.MessageLog;

public sealed class SubjectHasherTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lgsp-subject-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Create_ProductionWithoutTheKey_RefusesNamingTheVariable()
    {
        var variable = "LGSP_TEST_ABSENT_" + Guid.NewGuid().ToString("N");

        var error = Assert.Throws<InvalidOperationException>(() => Create(variable, StorageProvider.Postgres, "Production"));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_root)); // nothing generated for a production hub
    }

    [Fact]
    public void Create_KeyTooShort_RefusesWithoutEchoingIt()
    {
        var variable = "LGSP_TEST_SHORT_" + Guid.NewGuid().ToString("N");
        var value = Convert.ToBase64String(new byte[16]);
        Environment.SetEnvironmentVariable(variable, value);

        var error = Assert.Throws<InvalidOperationException>(() => Create(variable, StorageProvider.Postgres, "Production"));

        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DevelopmentWithoutTheKey_MakesOneOwnerOnlyAndKeepsIt()
    {
        var variable = "LGSP_TEST_ABSENT_" + Guid.NewGuid().ToString("N");

        var first = Create(variable, StorageProvider.Sqlite, "Development").Hash("personal_id", "001190004321");
        var second = Create(variable, StorageProvider.Sqlite, "Development").Hash("personal_id", "001190004321");

        Assert.Equal(first, second); // a restart (or another instance on the same folder) links the same subjects
        Assert.Matches("^[0-9a-f]{64}$", first);
        var path = Path.Combine(_root, MessageLogOptions.DefaultDevelopmentKeyPath);
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Hash_DependsOnTheKeyAndTheKind()
    {
        var one = new SubjectHasher(new byte[32]);
        var other = new SubjectHasher(Enumerable.Repeat((byte)1, 32).ToArray());

        Assert.NotEqual(one.Hash("personal_id", "001190004321"), other.Hash("personal_id", "001190004321"));
        Assert.NotEqual(one.Hash("personal_id", "0101234567"), one.Hash("enterprise_code", "0101234567"));
    }

    [Fact]
    public void RequestDigest_IsTheDocumentedHmac_AndDependsOnTheKeyAndTheExchange()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var hash = System.Security.Cryptography.SHA256.HashData("GET\n/x\n\n"u8);
        var exchange = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

        var digest = new SubjectHasher(key).RequestDigest(exchange, hash);

        var expected = System.Security.Cryptography.HMACSHA256.HashData(key,
            System.Text.Encoding.ASCII.GetBytes($"lgsp-request-digest/1\n{exchange:D}\n{Convert.ToHexStringLower(hash)}"));
        Assert.Equal(Convert.ToHexStringLower(expected), digest);
        Assert.NotEqual(digest, new SubjectHasher(new byte[32]).RequestDigest(exchange, hash));
        Assert.NotEqual(digest, new SubjectHasher(key).RequestDigest(Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c"), hash));
        Assert.Throws<ArgumentException>(() => new SubjectHasher(key).RequestDigest(exchange, hash.AsSpan(0, 31)));
    }

    private SubjectHasher Create(string variable, StorageProvider provider, string environment) => new(
        Options.Create(new GatewayOptions { MessageLog = new MessageLogOptions { KeySecret = variable } }),
        Options.Create(new StorageOptions { Provider = provider }),
        new HostEnvironment(environment, _root));

    private sealed class HostEnvironment(string name, string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Lgsp.Hub";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
