namespace Lgsp.Core.Errors;

/// <summary>
/// A message in both of the hub's languages: Vietnamese (the operators' and citizens' language, the default of every
/// answer) and English. An error's detail is one of these, so a ProblemDetails never carries a detail in one language
/// only; neither text may be empty.
/// </summary>
public sealed record LocalizedText
{
    public LocalizedText(string vi, string en)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vi);
        ArgumentException.ThrowIfNullOrWhiteSpace(en);
        Vi = vi;
        En = en;
    }

    public string Vi { get; }

    public string En { get; }

    /// <summary>The text in English when <paramref name="english"/>, else in Vietnamese.</summary>
    public string In(bool english) => english ? En : Vi;

    /// <summary>Both texts with the same thing added after each (an upstream's own words, a list of codes).</summary>
    public LocalizedText Append(string suffix) => new(Vi + suffix, En + suffix);

    public override string ToString() => En;
}
