using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Lgsp.Hub.Tests.Configuration;

public sealed class ConfigDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lgsp-config-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AddLgspConfigDirectory_Files_AreLayeredAboveAppSettingsAndBelowEnvironmentVariables()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "config")).FullName;
        File.WriteAllText(Path.Combine(folder, "a-sources.json"), """{ "Adapters": { "Business": { "BaseUrl": "http://a", "AttemptTimeout": "00:00:05" } } }""");
        File.WriteAllText(Path.Combine(folder, "b-overrides.json"), """{ "Adapters": { "Business": { "AttemptTimeout": "00:00:07" } } }""");
        File.WriteAllText(Path.Combine(folder, "a-sources.Development.json"), """{ "Adapters": { "Business": { "Enabled": "false" } } }""");
        File.WriteAllText(Path.Combine(folder, "a-sources.Production.json"), """{ "Adapters": { "Business": { "Enabled": "true", "Retry": { "MaxRetryAttempts": "9" } } } }""");
        var appsettings = Path.Combine(_root, "appsettings.json");
        File.WriteAllText(appsettings, """{ "Adapters": { "Business": { "BaseUrl": "http://appsettings", "Concurrency": { "PermitLimit": "3" } } } }""");
        System.Environment.SetEnvironmentVariable("LGSPTEST_Adapters__Business__BaseUrl", "http://from-env");
        try
        {
            var configuration = new ConfigurationManager();
            configuration.AddJsonFile(appsettings);
            configuration.AddEnvironmentVariables("LGSPTEST_");

            configuration.AddLgspConfigDirectory(new Environment(Path.Combine(_root, "src", "Lgsp.Hub"), "Development"));

            Assert.Equal("00:00:07", configuration["Adapters:Business:AttemptTimeout"]);
            Assert.Equal("false", configuration["Adapters:Business:Enabled"]);
            Assert.Null(configuration["Adapters:Business:Retry:MaxRetryAttempts"]);
            Assert.Equal("3", configuration["Adapters:Business:Concurrency:PermitLimit"]);
            Assert.Equal("http://from-env", configuration["Adapters:Business:BaseUrl"]);
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("LGSPTEST_Adapters__Business__BaseUrl", null);
        }
    }

    [Fact]
    public void AddLgspConfigDirectory_NamedFolderMissing_FailsNamingIt()
    {
        var configuration = new ConfigurationManager();
        configuration["ConfigDirectory"] = Path.Combine(_root, "nowhere");

        var ex = Assert.Throws<InvalidOperationException>(() => configuration.AddLgspConfigDirectory(new Environment(_root, "Production")));

        Assert.Contains("nowhere", ex.Message, StringComparison.Ordinal);
    }

    private sealed class Environment(string contentRoot, string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Lgsp.Hub";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
