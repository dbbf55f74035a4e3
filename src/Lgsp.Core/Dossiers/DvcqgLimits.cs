using System.Globalization;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Dossiers;

/// <summary>
/// DVCQG's length limits and its required values, applied the way public senders apply them on the way out
/// (TD-DVC's <c>SyncLocalDataToDVCQGService.FormatData</c>): a value over the limit is cut and ends with "..." (the
/// result is at most the limit, "..." included), a blank required value gets the placeholder they send. The hub
/// stores what it was sent (up to its own caps in <see cref="DossierRules"/>); the national-portal adapter fits the
/// values here, and <see cref="Warnings"/> tells the sender which of its values DVCQG gets altered.
/// </summary>
public static class DvcqgLimits
{
    /// <summary>TrichYeuHoSo.</summary>
    public const int SummaryLength = 1000;

    /// <summary>NguoiXuLy of a progress row.</summary>
    public const int ActorLength = 50;

    /// <summary>What TD-DVC sends as TrichYeuHoSo when the dossier has none.</summary>
    public const string SummaryPlaceholder = "Dinhkem";

    /// <summary>What TD-DVC sends as NguoiXuLy when the step names nobody.</summary>
    public const string ActorPlaceholder = "Chuyên viên";

    public const string TruncatedCode = "dvcqg.truncated";
    public const string PlaceholderCode = "dvcqg.placeholder";

    private const string Ellipsis = "...";

    /// <summary>TrichYeuHoSo as DVCQG takes it.</summary>
    public static string Summary(string? summary) => Fit(summary, SummaryLength, SummaryPlaceholder);

    /// <summary>NguoiXuLy as DVCQG takes it.</summary>
    public static string Actor(string? actor) => Fit(actor, ActorLength, ActorPlaceholder);

    /// <summary>
    /// The placeholder for a blank value; the value itself when it fits; else its start and "...", <paramref name="limit"/>
    /// characters in all (one fewer rather than split a surrogate pair).
    /// </summary>
    public static string Fit(string? value, int limit, string placeholder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, Ellipsis.Length + 1);
        if (string.IsNullOrWhiteSpace(value))
        {
            return placeholder;
        }

        if (value.Length <= limit)
        {
            return value;
        }

        var keep = limit - Ellipsis.Length;
        if (char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }

        return string.Concat(value.AsSpan(0, keep), Ellipsis);
    }

    /// <summary>
    /// What DVCQG receives altered, one warning per value, each naming its field as a JSON pointer into the dossier view
    /// (<c>GET /api/v1/dossiers/{code}</c>: <c>/dossier/summary</c>, <c>/steps/2/actor</c> for the third step in seq order).
    /// </summary>
    public static IReadOnlyList<DossierWarning> Warnings(Dossier dossier, IReadOnlyList<ProcessingStep> steps)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        ArgumentNullException.ThrowIfNull(steps);
        var warnings = new List<DossierWarning>();
        Check(warnings, "/dossier/summary", "TrichYeuHoSo", dossier.Summary, SummaryLength, SummaryPlaceholder);
        for (var i = 0; i < steps.Count; i++)
        {
            Check(warnings, "/steps/" + i.ToString(CultureInfo.InvariantCulture) + "/actor", "NguoiXuLy", steps[i].Actor, ActorLength, ActorPlaceholder);
        }

        return warnings;
    }

    private static void Check(List<DossierWarning> warnings, string field, string wireName, string? value, int limit, string placeholder)
    {
        var inv = CultureInfo.InvariantCulture;
        if (string.IsNullOrWhiteSpace(value))
        {
            warnings.Add(new DossierWarning(field, PlaceholderCode,
                string.Create(inv, $"Trường trống; Cổng DVCQG nhận {wireName} = \"{placeholder}\"."),
                string.Create(inv, $"The value is blank; DVCQG receives {wireName} = \"{placeholder}\".")));
        }
        else if (value.Length > limit)
        {
            warnings.Add(new DossierWarning(field, TruncatedCode,
                string.Create(inv, $"Nội dung dài {value.Length} ký tự; Cổng DVCQG nhận {wireName} cắt còn {limit} ký tự, kết thúc bằng \"...\"."),
                string.Create(inv, $"The text has {value.Length} characters; DVCQG receives {wireName} cut to {limit}, ending in \"...\".")));
        }
    }
}

/// <summary>
/// Something the hub accepted but a destination receives altered (cut to its limit, a placeholder for a blank). Derived
/// from the stored dossier and steps, so it always matches what is stored. <see cref="Field"/> is a JSON pointer into
/// the dossier view; messages never quote the value (it may be personal data).
/// </summary>
public sealed record DossierWarning(string Field, string Code, string MessageVi, string MessageEn);
