using Lgsp.Testing;

namespace Lgsp.Docs.Tests;

/// <summary>
/// Every README shell block marked <c>&lt;!-- runnable --&gt;</c> runs against one hub and sandbox started by
/// <c>./run.sh</c> and exits 0. One row per block, named by file and line. Rows run one after the other in xunit's
/// order, not the files' order, so each block stands alone: it reads its own secrets and undoes what it changes.
/// </summary>
[Collection(RunShCollection.Name)]
public sealed class ReadmeExamplesTests(RunShHub hub)
{
    public static TheoryData<string> RunnableBlocks()
    {
        var data = new TheoryData<string>();
        foreach (var block in ReadmeBlocks.All(RepoPaths.Root).Where(b => b.Runnable))
        {
            data.Add(block.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RunnableBlocks))]
    public async Task Block_RunAfterRunSh_ExitsZero(string block)
    {
        var example = ReadmeBlocks.All(RepoPaths.Root).Single(b => b.Name == block);

        var (exitCode, output) = await BlockRunner.RunAsync(example, hub);

        Assert.True(exitCode == 0, $"{block} exited {exitCode}.\n--- the block ---\n{example.Text}--- its output ---\n{output}");
    }
}
