using Lgsp.Testing;

namespace Lgsp.Docs.Tests;

/// <summary>
/// Every shell block of every README is either marked runnable (and then run by <see cref="ReadmeExamplesTests"/>)
/// or listed in <see cref="NotRunnableBlocks"/> with the reason it cannot run against <c>./run.sh</c>'s hub.
/// </summary>
public sealed class ReadmeMarkersTests
{
    /// <summary>Counted, so a marker dropped by an edit is noticed.</summary>
    private const int ExpectedRunnable = 19;

    [Fact]
    public void ShellBlocks_EachMarkedOrListed_NoneUnaccounted()
    {
        var unaccounted = ReadmeBlocks.All(RepoPaths.Root)
            .Where(b => b.IsShell && !b.Runnable && !NotRunnableBlocks.Reasons.ContainsKey((b.File, b.FirstLine)))
            .Select(b => $"{b.Name}: {b.FirstLine}")
            .ToList();

        Assert.True(unaccounted.Count == 0,
            $"Shell blocks neither marked {ReadmeBlocks.Marker} nor listed in NotRunnableBlocks with a reason:\n" + string.Join('\n', unaccounted));
    }

    [Fact]
    public void NotRunnableList_EachEntry_NamesAnUnmarkedShellBlock()
    {
        var unmarked = ReadmeBlocks.All(RepoPaths.Root).Where(b => b.IsShell && !b.Runnable).Select(b => (b.File, b.FirstLine)).ToHashSet();

        var stale = NotRunnableBlocks.Reasons.Keys.Where(k => !unmarked.Contains(k)).Select(k => $"{k.File}: {k.FirstLine}").ToList();

        Assert.True(stale.Count == 0, "Listed as not runnable, but no such unmarked shell block exists (marked now, moved or reworded?):\n" + string.Join('\n', stale));
    }

    [Fact]
    public void RunnableBlocks_Counted_AsExpected()
    {
        var runnable = ReadmeBlocks.All(RepoPaths.Root).Where(b => b.Runnable).ToList();

        Assert.All(runnable, b => Assert.True(b.IsShell, $"{b.Name} is marked runnable but is a '{b.Language}' block, not a shell one."));
        Assert.Equal(ExpectedRunnable, runnable.Count);
    }

    [Fact]
    public void Parse_MarkerBeforeFence_MarksOnlyThatBlock()
    {
        const string markdown = "text\n\n<!-- runnable -->\n```sh\necho one\n```\n\n```sh\necho two\n```\n";

        var blocks = ReadmeBlocks.Parse("X.md", markdown).ToList();

        Assert.Equal([("X.md:4", true, "echo one"), ("X.md:8", false, "echo two")], blocks.Select(b => (b.Name, b.Runnable, b.FirstLine)));
    }

    [Fact]
    public void Parse_LongerFenceAroundAShorterOne_IsOneBlock()
    {
        const string markdown = "````markdown\n<!-- runnable -->\n```sh\necho inner\n```\n````\n\n```sh\necho after\n```\n";

        var blocks = ReadmeBlocks.Parse("X.md", markdown).ToList();

        Assert.Equal([("X.md:1", "markdown", false), ("X.md:8", "sh", false)], blocks.Select(b => (b.Name, b.Language, b.Runnable)));
    }
}
