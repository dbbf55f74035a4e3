using System.Globalization;
using System.Text;

namespace Lgsp.Core.Text;

/// <summary>
/// The hub's rule for the form in which the population database compares names: upper case, no diacritics, words
/// separated by single spaces (<c>Nguyễn Thị Thùy Dương</c> → <c>NGUYEN THI THUY DUONG</c>). The database compares
/// the text it receives as is, so the hub must send exactly this form (DOMAIN.md §3.1, TD-DVC's
/// <c>CapNhatCSDLDanCu</c>).
/// </summary>
/// <remarks>
/// Marks are removed by canonical decomposition (NFD) and dropping every combining mark, which covers the 134
/// Vietnamese letters with diacritics whatever form the input came in (precomposed, decomposed as macOS writes it,
/// or a mix), since Unicode guarantees decompositions never change. <c>đ</c>/<c>Đ</c> have no decomposition (the
/// stroke is part of the letter) and are mapped explicitly, as are the look-alikes <c>ð</c>/<c>Ð</c> (Icelandic eth)
/// that keyboards and OCR put in their place. Typographic apostrophes in highland names (<c>H’Hen</c>) become the
/// ASCII one. The sandbox deliberately has its own, table-based implementation: two independent ones catch each
/// other's bugs.
/// </remarks>
public static class VietnameseText
{
    /// <summary>The text without diacritics, case and spacing kept: <c>Đỗ Văn Đạt</c> → <c>Do Van Dat</c>.</summary>
    public static string RemoveDiacritics(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                    continue;
            }

            builder.Append(c switch
            {
                'đ' or 'ð' => 'd',
                'Đ' or 'Ð' => 'D',
                '\u2019' or '\u2018' or '\u02BC' => '\'',
                _ => c,
            });
        }

        // Recompose what is left (nothing Vietnamese, but a stray letter from another script keeps its form).
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Upper case without diacritics, trimmed, every run of white space (tabs, non-breaking spaces, line breaks)
    /// made one space and invisible format characters (zero-width space, byte-order mark) dropped: the form to send
    /// as <c>HoVaTen</c> for the population database to compare.
    /// </summary>
    public static string ToComparisonForm(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = RemoveDiacritics(text).ToUpperInvariant();
        var builder = new StringBuilder(plain.Length);
        var pendingSpace = false;
        foreach (var c in plain)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
