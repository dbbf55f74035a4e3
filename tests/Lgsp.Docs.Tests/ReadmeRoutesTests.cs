using System.Text.Json;
using System.Text.RegularExpressions;
using Lgsp.Testing;

namespace Lgsp.Docs.Tests;

/// <summary>
/// Every hub API path a README names in backticks (<c>/api/v1/…</c>, <c>/admin/v1/…</c>) is a route in the hub's
/// OpenAPI document, read from the hub <c>./run.sh</c> started: a README cannot send a reader to a path that does not
/// exist (as <c>/api/v1/admin/clients</c> did). A parameter (<c>{code}</c>) or a concrete value (<c>business</c>)
/// stands for a route's parameter; a path with "…" or cut by a space is left out.
/// </summary>
[Collection(RunShCollection.Name)]
public sealed partial class ReadmeRoutesTests(RunShHub hub)
{
    [Fact]
    public async Task ReadmePaths_EachApiPath_IsARouteOfTheHub()
    {
        using var http = new HttpClient();
        using var openApi = JsonDocument.Parse(await http.GetStringAsync(new Uri(hub.ManagementUrl + "/openapi/v1.json")));
        var routes = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name.Split('/')).ToList();

        var unknown = new List<string>();
        foreach (var readme in ReadmeBlocks.Readmes(RepoPaths.Root))
        {
            foreach (Match m in ApiPath().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, readme))))
            {
                var path = m.Groups["path"].Value.Split('?')[0];
                if (path.Contains('…', StringComparison.Ordinal) || path.Count(c => c == '{') != path.Count(c => c == '}'))
                {
                    continue;
                }

                var segments = path.Split('/');
                if (!routes.Any(r => Matches(segments, r)))
                {
                    unknown.Add($"{readme}: {path}");
                }
            }
        }

        Assert.True(unknown.Count == 0, "README paths that are no route of the hub:\n" + string.Join('\n', unknown.Distinct()));
    }

    private static bool Matches(string[] mentioned, string[] route) =>
        mentioned.Length == route.Length && mentioned.Zip(route).All(p => p.First == p.Second || IsParameter(p.Second));

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    [GeneratedRegex(@"`(?:(?:GET|POST|PUT|PATCH|DELETE) )?(?<path>/(?:api|admin)/v1/[^`\s]*)")]
    private static partial Regex ApiPath();
}
