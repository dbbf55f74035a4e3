using Microsoft.Extensions.Configuration;

namespace Lgsp.Hub.Tests.Configuration;

public sealed class ConfigFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lgsp-config-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AddLgspConfigFolder_FilesInNameOrder_AreLayeredBelowEnvironmentVariables()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "config")).FullName;
        File.WriteAllText(Path.Combine(folder, "a-sources.json"), """{ "Adapters": { "Business": { "BaseUrl": "http://a", "Timeout": "00:00:05" } } }""");
        File.WriteAllText(Path.Combine(folder, "b-overrides.json"), """{ "Adapters": { "Business": { "Timeout": "00:00:07" } } }""");
        Environment.SetEnvironmentVariable("LGSPTEST_Adapters__Business__BaseUrl", "http://from-env");
        try
        {
            var configuration = new ConfigurationManager();
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Adapters:Business:BaseUrl"] = "http://appsettings" });
            configuration.AddEnvironmentVariables("LGSPTEST_");

            configuration.AddLgspConfigFolder(_root);

            Assert.Equal("00:00:07", configuration["Adapters:Business:Timeout"]);
            Assert.Equal("http://from-env", configuration["Adapters:Business:BaseUrl"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("LGSPTEST_Adapters__Business__BaseUrl", null);
        }
    }

    [Fact]
    public void Resolve_NothingConfigured_FindsTheRepositoryFolderFromTheProject()
    {
        var project = Directory.CreateDirectory(Path.Combine(_root, "src", "Lgsp.Hub")).FullName;
        var config = Directory.CreateDirectory(Path.Combine(_root, "config")).FullName;

        Assert.Equal(config, ConfigFolderExtensions.Resolve(null, project));
    }

    [Fact]
    public void Resolve_ConfiguredFolderMissing_FailsNamingIt()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => ConfigFolderExtensions.Resolve("nowhere", _root));

        Assert.Contains("nowhere", ex.Message, StringComparison.Ordinal);
    }
}
