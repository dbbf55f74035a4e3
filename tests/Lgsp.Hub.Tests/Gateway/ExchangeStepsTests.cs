using System.Text.RegularExpressions;
using Lgsp.Testing;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>
/// The Gateway README's "One exchange, step by step" and the <c>// :: Step n</c> markers in <c>LookupGateway.cs</c> are
/// the same list: the same steps, in the same order, each marker opening with its step's title.
/// </summary>
public sealed partial class ExchangeStepsTests
{
    [Fact]
    public void LookupGateway_StepMarkers_FollowTheReadmesStepsInOrder()
    {
        var readme = File.ReadAllText(RepoPaths.Combine("src", "Lgsp.Hub", "Gateway", "README.md"));
        var start = readme.IndexOf("## One exchange, step by step", StringComparison.Ordinal);
        Assert.True(start >= 0, "The Gateway README has no \"One exchange, step by step\" section.");
        var section = readme[start..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var steps = ReadmeStep().Matches(section).Select(m => (Number: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Title: m.Groups[2].Value)).ToList();

        var code = File.ReadAllText(RepoPaths.Combine("src", "Lgsp.Hub", "Gateway", "LookupGateway.cs"));
        var markers = CodeMarker().Matches(code).Select(m => (Number: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Text: m.Groups[2].Value)).ToList();

        // Numbered 1, 2, 3…, without a gap, however many steps there are (a new check is a new step).
        Assert.True(steps.Count >= 10, $"The README lists {steps.Count} steps.");
        Assert.Equal(Enumerable.Range(1, steps.Count), steps.Select(s => s.Number));
        Assert.Equal(steps.Select(s => s.Number), markers.Select(m => m.Number));
        Assert.All(steps.Zip(markers), pair => Assert.StartsWith(pair.First.Title, pair.Second.Text, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"^(\d+)\. \*\*([^*]+)\*\*", RegexOptions.Multiline)]
    private static partial Regex ReadmeStep();

    [GeneratedRegex(@"// :: Step (\d+): (.+)$", RegexOptions.Multiline)]
    private static partial Regex CodeMarker();
}
