using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Tests.Data.Reference;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Nguyễn Văn Đức", "Nguyen Van Duc")]
    [InlineData("đường Đồng Khởi", "duong Dong Khoi")]
    [InlineData("Trương Thị Ưng", "Truong Thi Ung")]
    [InlineData("Phạm Thị Ơn, Lương Thế Vinh", "Pham Thi On, Luong The Vinh")]
    [InlineData("Đặng Văn Ăn, Lâm Ấn", "Dang Van An, Lam An")]
    [InlineData("Lê Thị Ê, Trần Ô", "Le Thi E, Tran O")]
    [InlineData("MỸ LỆ, ỸỴỲÝỶ", "MY LE, YYYYY")]
    [InlineData("Ứng Hòa, Hoàng Liệt, Quỳnh", "Ung Hoa, Hoang Liet, Quynh")]
    [InlineData("ẮẰẲẴẶ ẤẦẨẪẬ ẾỀỂỄỆ ỐỒỔỖỘ ỚỜỞỠỢ ỨỪỬỮỰ", "AAAAA AAAAA EEEEE OOOOO OOOOO UUUUU")]
    [InlineData("H'Hen Niê, K'Brói", "H'Hen Nie, K'Broi")]
    [InlineData("plain ASCII 123", "plain ASCII 123")]
    [InlineData("", "")]
    public void RemoveDiacritics_VietnameseText_GivesPlainLetters(string input, string expected)
    {
        Assert.Equal(expected, VietnameseText.RemoveDiacritics(input));
    }

    [Fact]
    public void RemoveDiacritics_DecomposedInput_GivesSameAsComposed()
    {
        // "Nguyễn" as macOS writes it: e + circumflex (U+0302) + tilde (U+0303).
        const string decomposed = "Nguye\u0302\u0303n";
        Assert.Equal("Nguyen", VietnameseText.RemoveDiacritics(decomposed));
    }

    [Fact]
    public void RemoveDiacritics_EveryKnownLetter_BecomesAnAsciiLetter()
    {
        const string all = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
        var both = all + all.ToUpperInvariant();

        Assert.Equal(134, VietnameseText.KnownLetters);
        Assert.Equal(134, both.Length);
        Assert.All(VietnameseText.RemoveDiacritics(both), c => Assert.True(char.IsAsciiLetter(c), $"'{c}' is not an ASCII letter"));
    }

    [Theory]
    [InlineData("Nguyễn Thị Thùy Dương", "NGUYEN THI THUY DUONG")]
    [InlineData("  Đỗ   văn   Đạt ", "DO VAN DAT")]
    [InlineData("Y Bhim Niê", "Y BHIM NIE")]
    public void ToComparisonForm_Name_IsUpperWithoutDiacriticsAndSingleSpaces(string name, string expected)
    {
        Assert.Equal(expected, VietnameseText.ToComparisonForm(name));
    }

    [Theory]
    [InlineData("Nguyễn", true)]
    [InlineData("đ", true)]
    [InlineData("Nguyen", false)]
    public void HasDiacritics_Text_DetectsMarks(string text, bool expected)
    {
        Assert.Equal(expected, VietnameseText.HasDiacritics(text));
    }
}
