using System.Text.Json.Nodes;
using Lgsp.Testing;
using YamlDotNet.RepresentationModel;

namespace Lgsp.Hub.Tests.Deployment;

/// <summary>One variable of the hub's container: a value, or a reference to a Secret's key or to the pod's fields.</summary>
internal sealed record ContainerVariable(string Name, string? Value, string? SecretName, string? SecretKey, bool FromPod);

/// <summary>
/// What <c>deploy/</c> gives the hub, read the way Docker and Kubernetes read it: the Dockerfile's <c>ENV</c>, the
/// ConfigMap's settings file, the Deployment's container (variables, probes, mounts) and the Services.
/// </summary>
internal sealed class DeploymentManifests
{
    private DeploymentManifests(IReadOnlyList<YamlMappingNode> documents, IReadOnlyDictionary<string, string> imageEnvironment)
    {
        Documents = documents;
        ImageEnvironment = imageEnvironment;
    }

    public IReadOnlyList<YamlMappingNode> Documents { get; }

    /// <summary>The Dockerfile's runtime stage's <c>ENV</c>.</summary>
    public IReadOnlyDictionary<string, string> ImageEnvironment { get; }

    public static DeploymentManifests Load()
    {
        var folder = RepoPaths.Combine("deploy", "kubernetes");
        var documents = new List<YamlMappingNode>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            documents.AddRange(stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Where(d => d.Children.ContainsKey("kind")));
        }

        return new DeploymentManifests(documents, ReadImageEnvironment(File.ReadAllLines(RepoPaths.Combine("deploy", "Dockerfile"))));
    }

    public YamlMappingNode Kind(string kind, string? name = null) => Documents.Single(d =>
        ValueOf(d, "kind") == kind && (name is null || ValueOf(Map(d, "metadata"), "name") == name));

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Documents.Where(d => ValueOf(d, "kind") == kind);

    public YamlMappingNode HubContainer =>
        (YamlMappingNode)((YamlSequenceNode)Map(Map(Map(Kind("Deployment", "lgsp-hub"), "spec"), "template"), "spec")["containers"]).Children.Single();

    public YamlMappingNode PodSpec => Map(Map(Map(Kind("Deployment", "lgsp-hub"), "spec"), "template"), "spec");

    public IReadOnlyList<ContainerVariable> ContainerVariables => [.. ((YamlSequenceNode)HubContainer["env"]).Children.Cast<YamlMappingNode>().Select(v =>
    {
        var from = v.Children.TryGetValue("valueFrom", out var node) ? (YamlMappingNode)node : null;
        var secret = from is not null && from.Children.TryGetValue("secretKeyRef", out var s) ? (YamlMappingNode)s : null;
        return new ContainerVariable(ValueOf(v, "name")!, ValueOf(v, "value"), secret is null ? null : ValueOf(secret, "name"), secret is null ? null : ValueOf(secret, "key"),
            from is not null && from.Children.ContainsKey("fieldRef"));
    })];

    /// <summary>The ConfigMap's settings files by name (mounted beside the image's <c>config/</c>).</summary>
    public IReadOnlyDictionary<string, JsonObject> SettingsFiles => Map(Kind("ConfigMap", "lgsp-hub-settings"), "data").Children
        .ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => JsonNode.Parse(((YamlScalarNode)e.Value).Value!)!.AsObject());

    public static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    public static string? ValueOf(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary><c>ENV a=b \ c=d</c> lines of the last stage (the one that runs), continuation lines joined.</summary>
    private static Dictionary<string, string> ReadImageEnvironment(string[] lines)
    {
        var lastStage = Array.FindLastIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal));
        var joined = string.Join("\n", lines.Skip(lastStage)).Replace("\\\n", " ", StringComparison.Ordinal);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in joined.Split('\n').Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)))
        {
            foreach (var pair in line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                environment[name] = value.Trim('"');
            }
        }

        return environment;
    }
}
