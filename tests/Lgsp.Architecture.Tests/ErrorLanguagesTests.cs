using System.Reflection;
using System.Text.RegularExpressions;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.StatusSync;
using Lgsp.Testing;

namespace Lgsp.Architecture.Tests;

/// <summary>
/// Every answer carries its messages in Vietnamese and English the same way (issue #14 item 11): each catalogue entry
/// has both titles, an error's detail can only be given in both languages (<see cref="LocalizedText"/>), and no throw
/// site in <c>src/</c> or <c>adapters/</c> hands a one-language string where a detail goes.
/// </summary>
public sealed partial class ErrorLanguagesTests
{
    // Vietnamese is written with letters English does not use; a "Vietnamese" text without any is English copied over.
    private static readonly Regex VietnameseLetter = VietnameseLetters();

    public static TheoryData<string> Entries()
    {
        var data = new TheoryData<string>();
        foreach (var error in Everything())
        {
            data.Add(error.Code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Catalogue_EveryEntry_HasItsTitleInVietnameseAndEnglish(string code)
    {
        Assert.True(ErrorCatalogue.TryFind(code, out var error));

        Assert.False(string.IsNullOrWhiteSpace(error!.MessageVi), code);
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn), code);
        Assert.NotEqual(error.MessageEn, error.MessageVi);
        Assert.Matches(VietnameseLetter, error.MessageVi);
        Assert.DoesNotMatch(VietnameseLetter, error.MessageEn);
    }

    [Fact]
    public void LgspException_EveryConstructorTakingACatalogueError_TakesTheDetailInBothLanguages()
    {
        var constructors = typeof(LgspException).GetConstructors()
            .Where(c => c.GetParameters().Any(p => p.ParameterType == typeof(ErrorDescriptor)))
            .ToList();

        Assert.NotEmpty(constructors);
        Assert.All(constructors, c =>
        {
            Assert.DoesNotContain(c.GetParameters(), p => p.ParameterType == typeof(string));
            Assert.Contains(c.GetParameters(), p => p.Name == "detail" && p.ParameterType == typeof(LocalizedText));
        });
        Assert.Equal(typeof(LocalizedText), typeof(LgspException).GetProperty(nameof(LgspException.Detail))!.PropertyType);
    }

    [Theory]
    [InlineData("", "The request is invalid.")]
    [InlineData("Dữ liệu gửi lên không hợp lệ.", " ")]
    public void LocalizedText_OneLanguageMissing_IsRefused(string vi, string en) =>
        Assert.ThrowsAny<ArgumentException>(() => new LocalizedText(vi, en));

    [Fact]
    public void Sources_NoThrowSite_PassesAOneLanguageStringAsTheDetail()
    {
        // A string literal right after the catalogue entry of an LgspException or an upstream fault helper.
        var oneLanguage = OneLanguageDetail();
        var offenders = new List<string>();
        foreach (var root in new[] { "src", "adapters" })
        {
            foreach (var file in Directory.EnumerateFiles(RepoPaths.Combine(root), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                var text = File.ReadAllText(file);
                offenders.AddRange(oneLanguage.Matches(text).Select(m => $"{Path.GetRelativePath(RepoPaths.Root, file)}: {m.Value}"));
            }
        }

        Assert.Empty(offenders);
    }

    private static IEnumerable<ErrorDescriptor> Everything() =>
        ErrorCatalogue.All
            .Concat(SourceNames.All.Concat([SyncSides.Dvcqg, SyncSides.Provincial, "dvclt"]).SelectMany(s => UpstreamErrors.For(s).All))
            .OrderBy(e => e.Code, StringComparer.Ordinal);

    [GeneratedRegex("[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")]
    private static partial Regex VietnameseLetters();

    [GeneratedRegex(@"(new LgspException\(\s*[\w.]+(\([^()]*\))?[\w.]*|UpstreamFaults\.(Malformed|NotFound|SignatureInvalid)\(\s*\w+)\s*,\s*\$?@?""")]
    private static partial Regex OneLanguageDetail();
}
