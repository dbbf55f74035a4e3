using Lgsp.Core.Dossiers;
using Lgsp.Core.Packets;
using static Lgsp.Core.Tests.Dossiers.SampleDossiers;

namespace Lgsp.Core.Tests.Dossiers;

/// <summary>DVCQG's limits as TD-DVC's <c>SyncLocalDataToDVCQGService</c> applies them: cut with "...", placeholders for blanks.</summary>
public sealed class DvcqgLimitsTests
{
    [Fact]
    public void Summary_OverTheLimit_IsCutToTheLimitEllipsisIncluded()
    {
        var summary = DvcqgLimits.Summary(new string('a', 995) + new string('b', 10));

        Assert.Equal(DvcqgLimits.SummaryLength, summary.Length);
        Assert.Equal(new string('a', 995) + "bb...", summary);
    }

    [Fact]
    public void Summary_AtTheLimit_IsUnchanged()
    {
        var summary = new string('a', DvcqgLimits.SummaryLength);

        Assert.Same(summary, DvcqgLimits.Summary(summary));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_GetsThePublicSendersPlaceholders(string? blank)
    {
        Assert.Equal(("Dinhkem", "Chuyên viên"), (DvcqgLimits.Summary(blank), DvcqgLimits.Actor(blank)));
    }

    [Fact]
    public void Actor_OverTheLimit_NeverSplitsASurrogatePair()
    {
        var actor = new string('a', 46) + "😀" + "bcd";

        var cut = DvcqgLimits.Actor(actor);

        Assert.Equal(new string('a', 46) + "...", cut);
        Assert.True(cut.Length <= DvcqgLimits.ActorLength);
    }

    [Fact]
    public void Warnings_CutAndPlaceholders_NameTheFieldsOfTheDossierView()
    {
        var dossier = Processing() with { Summary = new string('x', 1200) };
        ProcessingStep[] steps = [Step(1, DossierStatus.Processing), Step(2, DossierStatus.Resolved) with { Actor = " " }, Step(3, DossierStatus.ResultReturned) with { Actor = new string('y', 51) }];

        var warnings = DvcqgLimits.Warnings(dossier, steps);

        Assert.Equal(
            [("/dossier/summary", "dvcqg.truncated"), ("/steps/1/actor", "dvcqg.placeholder"), ("/steps/2/actor", "dvcqg.truncated")],
            warnings.Select(w => (w.Field, w.Code)));
        Assert.All(warnings, w => Assert.False(string.IsNullOrWhiteSpace(w.MessageVi) || string.IsNullOrWhiteSpace(w.MessageEn)));
        Assert.Contains("1000", warnings[0].MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_WithinTheLimits_AreNone()
    {
        Assert.Empty(DvcqgLimits.Warnings(Processing(), [Step(1, DossierStatus.Processing)]));
    }
}
