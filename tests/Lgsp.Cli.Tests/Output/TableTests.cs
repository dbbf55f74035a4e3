using Lgsp.Cli.Output;

namespace Lgsp.Cli.Tests.Output;

public sealed class TableTests
{
    [Fact]
    public void WriteTo_CombiningDiacritics_CountAsOneColumn()
    {
        // "Nguồn" written with combining marks (decomposed) is 5 columns wide, like the precomposed form.
        var decomposed = "Nguồn".Normalize(System.Text.NormalizationForm.FormD);
        var table = new Table("A", "B").Add(decomposed, "x").Add("Nguồn", "y");
        using var writer = new StringWriter();

        table.WriteTo(writer);

        var lines = writer.ToString().Split(Environment.NewLine);
        Assert.Equal("A      B", lines[0]);
        Assert.Equal("-----  -", lines[1]);
        Assert.Equal(decomposed + "  x", lines[2]);
        Assert.Equal("Nguồn  y", lines[3]);
    }

    [Fact]
    public void WriteTo_MultiLineCell_ContinuesUnderItsColumn()
    {
        var table = new Table("V", "CHANGES").Add("3", "a: 1 → 2\nb: null → 3");
        using var writer = new StringWriter();

        table.WriteTo(writer);

        Assert.Equal(["V  CHANGES", "-  -----------", "3  a: 1 → 2", "   b: null → 3", ""], writer.ToString().Split(Environment.NewLine));
    }

    [Fact]
    public void WriteTo_NoRows_SaysSo()
    {
        using var writer = new StringWriter();

        new Table("A").WriteTo(writer);

        Assert.Contains("(không có / none)", writer.ToString(), StringComparison.Ordinal);
    }
}
