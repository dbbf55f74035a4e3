using System.Text;
using Lgsp.Core.Text;

namespace Lgsp.Core.Tests.Text;

public sealed class VietnameseTextTests
{
    // The 67 lower-case Vietnamese letters with diacritics, by base letter, written out independently of the code.
    private static readonly (string Letters, char Plain)[] Letters =
    [
        ("àáảãạ" + "ăằắẳẵặ" + "âầấẩẫậ", 'a'),
        ("èéẻẽẹ" + "êềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọ" + "ôồốổỗộ" + "ơờớởỡợ", 'o'),
        ("ùúủũụ" + "ưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];

    [Fact]
    public void RemoveDiacritics_Every134Letters_BecomeTheirBaseLetterInTheSameCase()
    {
        var count = 0;
        foreach (var (letters, plain) in Letters)
        {
            foreach (var letter in letters)
            {
                var upper = char.ToUpperInvariant(letter);
                Assert.Equal(plain.ToString(), VietnameseText.RemoveDiacritics(letter.ToString()));
                Assert.Equal(char.ToUpperInvariant(plain).ToString(), VietnameseText.RemoveDiacritics(upper.ToString()));
                count += 2;
            }
        }

        Assert.Equal(134, count);
    }

    [Theory]
    [InlineData("Nguyễn Văn Đức", "Nguyen Van Duc")]
    [InlineData("Đỗ Thị Ỹ, Phạm Ỵ", "Do Thi Y, Pham Y")]
    [InlineData("Trương Ưng, Lương Ơn", "Truong Ung, Luong On")]
    [InlineData("plain ASCII 123", "plain ASCII 123")]
    [InlineData("", "")]
    public void RemoveDiacritics_Text_KeepsCaseAndSpacing(string input, string expected)
    {
        Assert.Equal(expected, VietnameseText.RemoveDiacritics(input));
    }

    [Fact]
    public void RemoveDiacritics_DecomposedInput_IsTheSameAsComposed()
    {
        const string composed = "Nguyễn Thị Ỹ Đạt";
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);

        Assert.Equal("Nguyen Thi Y Dat", VietnameseText.RemoveDiacritics(decomposed));
    }

    [Fact]
    public void RemoveDiacritics_MarksInAnUnusualOrder_AreAllRemoved()
    {
        // "ệ" typed as e + dot below + circumflex (the canonical order is the reverse) and "ở" as o + hook + horn.
        Assert.Equal("Nguyen Viet Ho", VietnameseText.RemoveDiacritics("Nguye\u0323\u0302n Vie\u0323\u0302t Ho\u0309\u031B"));
    }

    [Theory]
    [InlineData("\u00D0\u1ED7 V\u0103n \u00F0\u1EA1t", "DO VAN DAT")] // eth look-alikes for Đ and đ
    [InlineData("H\u2019Hen \u00CAban", "H'HEN EBAN")]
    [InlineData("K\u02BCBr\u00F3i", "K'BROI")]
    public void ToComparisonForm_LookAlikes_AreTheLettersTheyStandFor(string input, string expected)
    {
        Assert.Equal(expected, VietnameseText.ToComparisonForm(input));
    }

    [Theory]
    [InlineData("Nguyễn Thị Thùy Dương", "NGUYEN THI THUY DUONG")]
    [InlineData("nguyễn thị thùy dương", "NGUYEN THI THUY DUONG")]
    [InlineData("NGUYỄN THỊ THÙY DƯƠNG", "NGUYEN THI THUY DUONG")]
    [InlineData("  Đỗ \t văn\u00A0\u00A0Đạt \n", "DO VAN DAT")]
    [InlineData("Lê\u200B Văn\uFEFF An", "LE VAN AN")]
    [InlineData("Y Bhim Niê", "Y BHIM NIE")]
    [InlineData("   ", "")]
    public void ToComparisonForm_Name_IsUpperCaseWithoutDiacriticsAndSingleSpaces(string name, string expected)
    {
        Assert.Equal(expected, VietnameseText.ToComparisonForm(name));
    }

    [Fact]
    public void ToComparisonForm_Result_IsAscii()
    {
        var all = string.Concat(Letters.Select(l => l.Letters));
        var form = VietnameseText.ToComparisonForm(all + " " + all.ToUpperInvariant());

        Assert.All(form, c => Assert.True(char.IsAscii(c) && !char.IsLower(c), $"'{c}' is not upper-case ASCII"));
    }
}
