using Lgsp.Testing;

namespace Lgsp.Architecture.Tests;

/// <summary>
/// A source file over <see cref="MaxLines"/> lines is usually doing several jobs. Such a file must be split, or named in
/// its folder's README (the nearest README.md above it) on a line that names it in backticks and says why it is
/// "one piece". Generated migrations are exempt.
/// </summary>
public sealed class FileSizeTests
{
    public const int MaxLines = 300;

    [Fact]
    public void Every_long_source_file_is_explained_in_its_folders_readme()
    {
        var unexplained = new List<string>();
        var scanned = 0;
        foreach (var root in new[] { "src", "adapters" })
        {
            foreach (var file in Directory.EnumerateFiles(RepoPaths.Combine(root), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal)
                    || relative.Contains("/Migrations/", StringComparison.Ordinal))
                {
                    continue;
                }

                scanned++;
                var lines = File.ReadLines(file).Count();
                if (lines <= MaxLines)
                {
                    continue;
                }

                var readme = NearestReadme(file);
                var name = Path.GetFileName(file);
                if (readme is null || !File.ReadLines(readme).Any(l => l.Contains("`" + name + "`", StringComparison.Ordinal) && l.Contains("one piece", StringComparison.OrdinalIgnoreCase)))
                {
                    unexplained.Add($"{relative} ({lines} lines): split it, or say in {(readme is null ? "a README.md" : Path.GetRelativePath(RepoPaths.Root, readme))} why `{name}` is one piece");
                }
            }
        }

        Assert.True(scanned > 200, $"only {scanned} source files found; is the scan reading the sources?");
        Assert.True(unexplained.Count == 0, string.Join(Environment.NewLine, unexplained));
    }

    private static string? NearestReadme(string file)
    {
        var stop = RepoPaths.Root;
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(file)!); dir is not null && dir.FullName.Length >= stop.Length; dir = dir.Parent)
        {
            var readme = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(readme))
            {
                return readme;
            }
        }

        return null;
    }
}
