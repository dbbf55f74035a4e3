using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Lgsp.Cli.Output;

/// <summary>Whole-number options with a readable parse error (the default one names <c>System.Nullable`1</c>).</summary>
internal static class Numbers
{
    public static Option<int?> Int(string name, string description, string helpName = "n") => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => Parse(result, name, out var n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : null,
    };

    public static Option<long?> Long(string name, string description, string helpName = "n") => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => Parse(result, name, out var n) ? n : null,
    };

    private static bool Parse(ArgumentResult result, string name, out long value)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        result.AddError($"{name}: cần một số nguyên / a whole number is needed: '{text}'");
        return false;
    }
}
