using System.Text.Json.Nodes;
using Lgsp.Testing;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;
using static Lgsp.Hub.Tests.Deployment.DeploymentManifests;

namespace Lgsp.Hub.Tests.Deployment;

/// <summary>
/// <c>deploy/</c> cannot run here (no container engine, no cluster), so what it gives the hub is checked against the
/// hub itself: every setting is one the hub reads, every secret a setting names is provided and nothing else, the
/// production mode finds nothing missing, and the probes, ports and mounts match what the hub serves and writes.
/// </summary>
public sealed class DeploymentManifestsTests
{
    private static readonly string[] HostVariables = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "DOTNET_NOLOGO", "DOTNET_CLI_TELEMETRY_OPTOUT"];

    private readonly DeploymentManifests deploy = DeploymentManifests.Load();

    [Fact]
    public void TheChecker_KnowsEveryShippedSetting_AndNotAMisspelledOne()
    {
        var shipped = ShippedFiles().SelectMany(f => HubSettingKeys.Flatten(JsonNode.Parse(File.ReadAllText(f)))).Select(k => k.Key).ToList();

        Assert.True(shipped.Count > 100, $"{shipped.Count} shipped keys");
        Assert.DoesNotContain(shipped, k => !HubSettingKeys.Exists(k));
        Assert.All(new[] { "Storage:Provder", "Adapters:Business:BaseUri", "Identity:Clients:x:RedirectUri:0", "Kafka:Bootstrap", "Adapters:Nowhere:BaseUrl", "Signing:CertificatePath:0" },
            k => Assert.False(HubSettingKeys.Exists(k), k));
    }

    [Fact]
    public void EverySettingTheDeploymentGives_IsOneTheHubReads()
    {
        var fromFiles = deploy.SettingsFiles.Values.SelectMany(f => HubSettingKeys.Flatten(f)).Select(k => k.Key);
        var fromVariables = ImageAndContainerVariables().Keys
            .Where(n => !HostVariables.Contains(n) && !SecretsNamedBySettings().Contains(n) && n != "POD_NAME")
            .Select(n => n.Replace("__", ":", StringComparison.Ordinal));

        var unknown = fromFiles.Concat(fromVariables).Where(k => !HubSettingKeys.Exists(k)).ToList();

        Assert.True(unknown.Count == 0, "not read by the hub: " + string.Join(", ", unknown));
    }

    [Fact]
    public void EverySecretTheSettingsName_IsProvidedFromTheSecret_AndNoOtherVariableIs()
    {
        var provided = deploy.ContainerVariables.Where(v => v.SecretName is not null && !v.Name.Contains("__", StringComparison.Ordinal)).ToList();

        Assert.Equal(SecretsNamedBySettings().Order(StringComparer.Ordinal), provided.Select(v => v.Name).Order(StringComparer.Ordinal));
        Assert.All(provided, v => Assert.Equal("lgsp-hub-secrets", v.SecretName));
        Assert.Equal(provided.Count, provided.Select(v => v.SecretKey).Distinct().Count());
        // The connection string (with its password) comes from the Secret too, never from the ConfigMap.
        Assert.Contains(deploy.ContainerVariables, v => v.Name == "Storage__ConnectionString" && v.SecretName == "lgsp-hub-secrets");
        Assert.DoesNotContain(deploy.SettingsFiles.Values.SelectMany(f => HubSettingKeys.Flatten(f)),
            s => (s.Key.EndsWith("Password", StringComparison.OrdinalIgnoreCase) || s.Key.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase)) && s.Value is { Length: > 0 });
    }

    [Fact]
    public void ProductionMode_GivenWhatTheDeploymentGives_FindsNothingMissing()
    {
        var variables = ImageAndContainerVariables();

        var missing = ProductionMode.Missing(Configuration(), name => variables.GetValueOrDefault(name));

        Assert.True(missing.Count == 0, string.Join("\n", missing));
        Assert.Equal("Production", variables["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void ProbesAndServices_UseTheManagementPort_TheImageListensOn()
    {
        var container = deploy.HubContainer;
        var ports = ((YamlSequenceNode)container["ports"]).Children.Cast<YamlMappingNode>().ToDictionary(p => ValueOf(p, "name")!, p => int.Parse(ValueOf(p, "containerPort")!, System.Globalization.CultureInfo.InvariantCulture));
        var image = deploy.ImageEnvironment;

        Assert.Equal(new Uri(image["urls"].Replace("+", "localhost", StringComparison.Ordinal)).Port, ports["http"]);
        Assert.Equal(new Uri(image["Management__Urls"].Replace("+", "localhost", StringComparison.Ordinal)).Port, ports["management"]);
        foreach (var (probe, path) in new[] { ("startupProbe", "/health/live"), ("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready") })
        {
            var get = Map(Map(container, probe), "httpGet");
            Assert.Equal((path, "management"), (ValueOf(get, "path"), ValueOf(get, "port")));
        }

        var targets = deploy.OfKind("Service").ToDictionary(s => ValueOf(Map(s, "metadata"), "name")!,
            s => ((YamlSequenceNode)Map(s, "spec")["ports"]).Children.Cast<YamlMappingNode>().Select(p => ValueOf(p, "targetPort")).Single());
        Assert.Equal(new Dictionary<string, string?> { ["lgsp-hub"] = "http", ["lgsp-hub-management"] = "management" }, targets);
    }

    [Fact]
    public void EveryFileTheSettingsName_IsOnAMount_AndOnlyTheCheckpointsAreWritable()
    {
        var container = deploy.HubContainer;
        var mounts = ((YamlSequenceNode)container["volumeMounts"]).Children.Cast<YamlMappingNode>()
            .Select(m => (Path: ValueOf(m, "mountPath")!, ReadOnly: ValueOf(m, "readOnly") == "true")).ToList();
        var variables = ImageAndContainerVariables();
        var checkpoints = variables["Gateway__MessageLog__Checkpoints__FilePath"];
        var files = Configuration().AsEnumerable().Where(s => s.Key.EndsWith("Path", StringComparison.Ordinal) && s.Value is { } v && v.StartsWith('/')).Select(s => s.Value!).ToList();

        Assert.Equal("true", ValueOf(Map(container, "securityContext"), "readOnlyRootFilesystem"));
        Assert.Equal("true", ValueOf(Map(deploy.PodSpec, "securityContext"), "runAsNonRoot"));
        Assert.True(files.Count >= 5, string.Join(", ", files));
        Assert.All(files.Where(f => f != checkpoints), f => Assert.Contains(mounts, m => m.ReadOnly && f.StartsWith(m.Path + "/", StringComparison.Ordinal)));
        Assert.Contains(mounts, m => !m.ReadOnly && checkpoints.StartsWith(m.Path + "/", StringComparison.Ordinal));
        Assert.Contains(mounts, m => m is { Path: "/tmp", ReadOnly: false });
        // A variable may use $(POD_NAME) only once the pod's name is defined above it.
        var names = deploy.ContainerVariables.Select(v => v.Name).ToList();
        Assert.True(names.IndexOf("POD_NAME") < names.IndexOf("Gateway__MessageLog__Checkpoints__FilePath"));
    }

    /// <summary>The image's settings files (config/ without development overlays) and the hub's appsettings.</summary>
    private static IEnumerable<string> ShippedFiles() =>
        Directory.GetFiles(RepoPaths.Combine("config"), "*.json").Append(RepoPaths.Combine("src", "Lgsp.Hub", "appsettings.json"));

    /// <summary>The hub's configuration in the pod, in the hub's order: appsettings, config/ then its Production files
    /// (the ConfigMap's among them), then the environment.</summary>
    private IConfiguration Configuration()
    {
        var builder = new ConfigurationBuilder().AddJsonFile(RepoPaths.Combine("src", "Lgsp.Hub", "appsettings.json"));
        foreach (var file in Directory.GetFiles(RepoPaths.Combine("config"), "*.json").Where(f => !Path.GetFileNameWithoutExtension(f).Contains('.', StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            builder.AddJsonFile(file);
        }

        foreach (var settings in deploy.SettingsFiles.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Assert.EndsWith(".Production.json", settings.Key, StringComparison.Ordinal);
            builder.AddInMemoryCollection(HubSettingKeys.Flatten(settings.Value));
        }

        return builder.AddInMemoryCollection(ImageAndContainerVariables().Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value))).Build();
    }

    /// <summary>The process's variables in the pod: the image's, then the container's (a Secret's value stands in as a
    /// 48-character placeholder).</summary>
    private Dictionary<string, string> ImageAndContainerVariables()
    {
        var variables = new Dictionary<string, string>(deploy.ImageEnvironment, StringComparer.Ordinal);
        foreach (var v in deploy.ContainerVariables)
        {
            // Kubernetes expands $(NAME) from the variables defined above it.
            var value = v.Value ?? (v.SecretName is not null ? new string('s', 48) : "lgsp-hub-0");
            variables[v.Name] = variables.Aggregate(value, (text, defined) => text.Replace($"$({defined.Key})", defined.Value, StringComparison.Ordinal));
        }

        return variables;
    }

    /// <summary>The variables the settings name as holding a secret (a client's secret, credentials, passwords, keys).</summary>
    private HashSet<string> SecretsNamedBySettings()
    {
        var settings = new ConfigurationBuilder();
        foreach (var file in ShippedFiles().Where(f => !f.EndsWith(".Development.json", StringComparison.Ordinal)))
        {
            settings.AddJsonFile(file);
        }

        foreach (var file in deploy.SettingsFiles.Values)
        {
            settings.AddInMemoryCollection(HubSettingKeys.Flatten(file));
        }

        string[] naming = ["EnvironmentVariable", "CredentialsSecret", "KeySecret"];
        return [.. settings.Build().AsEnumerable().Where(s => s.Value is { Length: > 0 } && naming.Any(n => s.Key.EndsWith(n, StringComparison.Ordinal))).Select(s => s.Value!)];
    }
}
