using System.Reflection;
using System.Xml.Linq;
using Lgsp.Testing;

namespace Lgsp.Architecture.Tests;

/// <summary>
/// The dependency direction of STYLE.md, read from the project files (so a reference is caught even before
/// any code uses it) and from the compiled assemblies: Core knows nothing of ASP.NET, EF Core or Kafka;
/// adapters know only Core and the adapter SDK; nothing references the hub or the sandbox.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly string[] InfrastructurePackages =
        ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Npgsql", "Confluent.Kafka", "OpenIddict"];

    private static readonly string[] AdapterForbiddenPackages =
        ["Microsoft.EntityFrameworkCore", "Npgsql", "Confluent.Kafka", "OpenIddict"];

    public static TheoryData<string> AdapterProjects()
    {
        var data = new TheoryData<string>();
        foreach (var p in Directory.GetFiles(RepoPaths.Combine("adapters"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, p));
        }

        return data;
    }

    [Fact]
    public void Core_has_no_infrastructure_dependencies()
    {
        var core = Project.Load("src/Lgsp.Core/Lgsp.Core.csproj");

        Assert.Equal("Microsoft.NET.Sdk", core.Sdk);
        Assert.Empty(core.ProjectReferences);
        Assert.Empty(core.FrameworkReferences);
        Assert.DoesNotContain(core.Packages, p => InfrastructurePackages.Any(f => p.StartsWith(f, StringComparison.OrdinalIgnoreCase)));

        var referenced = typeof(Lgsp.Core.Errors.ErrorCatalogue).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, a => InfrastructurePackages.Any(f => a.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [MemberData(nameof(AdapterProjects))]
    public void Adapters_reference_only_core_and_the_sdk(string projectPath)
    {
        var adapter = Project.Load(projectPath);
        var closure = adapter.TransitiveProjects().ToList();

        Assert.Equal("Microsoft.NET.Sdk", adapter.Sdk);
        Assert.Empty(adapter.FrameworkReferences);
        var allowed = new[] { "Lgsp.Core", "Lgsp.Adapters.Sdk" };
        Assert.All(closure, p => Assert.Contains(p.Name, allowed));
        Assert.All(closure.Prepend(adapter), p =>
            Assert.DoesNotContain(p.Packages, pkg => AdapterForbiddenPackages.Any(f => pkg.StartsWith(f, StringComparison.OrdinalIgnoreCase))));
    }

    [Fact]
    public void Adapter_assemblies_reference_only_core_and_the_sdk()
    {
        // The hub references every adapter, so each one's compiled assembly is next to this test.
        var adapters = Directory.GetFiles(AppContext.BaseDirectory, "Lgsp.Adapters.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n != "Lgsp.Adapters.Sdk")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("Lgsp.Adapters.Business", adapters);
        Assert.Contains("Lgsp.Adapters.Land", adapters);
        Assert.Contains("Lgsp.Adapters.Insurance", adapters);
        Assert.Contains("Lgsp.Adapters.Population", adapters);
        Assert.Contains("Lgsp.Adapters.CivilRegistry", adapters);
        foreach (var name in adapters)
        {
            var referenced = Assembly.Load(name!).GetReferencedAssemblies().Select(a => a.Name!).ToList();
            Assert.All(referenced.Where(r => r.StartsWith("Lgsp.", StringComparison.Ordinal)), r => Assert.Contains(r, new[] { "Lgsp.Core", "Lgsp.Adapters.Sdk" }));
            Assert.DoesNotContain(referenced, r => AdapterForbiddenPackages.Any(f => r.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
        }
    }

    [Fact]
    public void Nothing_outside_tests_references_the_hub_or_the_sandbox()
    {
        var shipped = Directory.GetFiles(RepoPaths.Combine("src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RepoPaths.Combine("adapters"), "*.csproj", SearchOption.AllDirectories))
            .Select(p => Project.Load(Path.GetRelativePath(RepoPaths.Root, p)))
            .ToList();

        Assert.NotEmpty(shipped);
        foreach (var project in shipped)
        {
            var names = project.TransitiveProjects().Select(p => p.Name).ToList();
            Assert.DoesNotContain("Lgsp.Hub", names);
            Assert.DoesNotContain("Lgsp.Sandbox", names);
        }
    }

    [Fact]
    public void The_hub_does_not_load_sandbox_code_even_indirectly()
    {
        var hub = Assembly.Load("Lgsp.Hub");
        Assert.DoesNotContain(hub.GetReferencedAssemblies(), a => a.Name == "Lgsp.Sandbox");
    }

    private sealed record Project(string Path, string Name, string Sdk, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> Packages, IReadOnlyList<string> FrameworkReferences)
    {
        public static Project Load(string relativePath)
        {
            var full = System.IO.Path.GetFullPath(relativePath, RepoPaths.Root);
            var doc = XDocument.Load(full);
            string[] Items(string kind) => doc.Descendants(kind).Select(e => (string?)e.Attribute("Include")).OfType<string>().ToArray();
            var refs = Items("ProjectReference")
                .Select(r => System.IO.Path.GetRelativePath(RepoPaths.Root, System.IO.Path.GetFullPath(r.Replace('\\', '/'), System.IO.Path.GetDirectoryName(full)!)))
                .ToArray();
            return new Project(relativePath, System.IO.Path.GetFileNameWithoutExtension(full), (string?)doc.Root!.Attribute("Sdk") ?? "", refs, Items("PackageReference"), Items("FrameworkReference"));
        }

        public IEnumerable<Project> TransitiveProjects()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>(ProjectReferences);
            while (queue.TryDequeue(out var next))
            {
                if (!seen.Add(next))
                {
                    continue;
                }

                var project = Load(next);
                yield return project;
                foreach (var r in project.ProjectReferences)
                {
                    queue.Enqueue(r);
                }
            }
        }
    }
}
