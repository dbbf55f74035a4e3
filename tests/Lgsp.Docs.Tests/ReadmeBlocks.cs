namespace Lgsp.Docs.Tests;

/// <summary>A fenced code block of a README: where it is, its info string, whether it is marked runnable, its text.</summary>
internal sealed record ReadmeBlock(string File, int Line, string Language, bool Runnable, string Text)
{
    /// <summary>The file (relative to the repository, with '/') and the line of the opening fence.</summary>
    public string Name => $"{File}:{Line}";

    /// <summary>
    /// The block's first non-blank line without its trailing comment (<c>  # …</c>): how the list of examples that
    /// cannot run names one, so that it survives the block moving within its file.
    /// </summary>
    public string FirstLine
    {
        get
        {
            var line = Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
            var comment = line.IndexOf(" #", StringComparison.Ordinal);
            return comment > 0 ? line[..comment].TrimEnd() : line;
        }
    }

    public bool IsShell => ShellLanguages.Contains(Language);

    private static readonly HashSet<string> ShellLanguages = new(StringComparer.OrdinalIgnoreCase) { "sh", "bash", "shell", "console" };
}

/// <summary>
/// Reads the fenced code blocks of every README.md in the repository. A block is runnable when the line right before
/// its opening fence is exactly <see cref="Marker"/>.
/// </summary>
internal static class ReadmeBlocks
{
    public const string Marker = "<!-- runnable -->";

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", ".data" };

    /// <summary>Every README.md under <paramref name="root"/>, relative paths with '/', in ordinal order.</summary>
    public static IReadOnlyList<string> Readmes(string root)
    {
        var found = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                if (!Skipped.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            var readme = Path.Combine(dir, "README.md");
            if (File.Exists(readme))
            {
                found.Add(Path.GetRelativePath(root, readme).Replace('\\', '/'));
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    public static IReadOnlyList<ReadmeBlock> All(string root) =>
        Readmes(root).SelectMany(f => Parse(f, File.ReadAllText(Path.Combine(root, f)))).ToList();

    /// <summary>
    /// The fenced blocks of one Markdown text: a fence is a line starting with three or more backticks, closed by a line
    /// of at least as many backticks and nothing else (so a block may show a shorter fence, as a README about READMEs does).
    /// </summary>
    public static IEnumerable<ReadmeBlock> Parse(string file, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = FenceLength(lines[i]);
            if (fence == 0)
            {
                continue;
            }

            var info = lines[i][fence..].Trim();
            var language = info.Split(' ', 2)[0];
            var runnable = i > 0 && lines[i - 1].Trim() == Marker;
            var body = new List<string>();
            var end = i + 1;
            while (end < lines.Length && !(FenceLength(lines[end]) >= fence && lines[end].Trim().Trim('`').Length == 0))
            {
                body.Add(lines[end]);
                end++;
            }

            yield return new ReadmeBlock(file, i + 1, language, runnable, string.Join('\n', body) + "\n");
            i = end;
        }
    }

    private static int FenceLength(string line)
    {
        var n = 0;
        while (n < line.Length && line[n] == '`')
        {
            n++;
        }

        return n >= 3 ? n : 0;
    }
}
