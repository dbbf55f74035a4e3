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
