using System.Reflection;
using System.Text.RegularExpressions;
using Lgsp.Adapters.Sdk.Options;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Sdk.Tests.Options;

/// <summary>
/// The one table of settings-validation reasons: every reason id the code names has a Vietnamese and an English text
/// with the same placeholders, and a structured failure still reads as the familiar start-up sentence.
/// </summary>
public sealed partial class SettingReasonsTests
{
    /// <summary>The reason ids, as the code declares them (every string constant but the languages and the API codes).</summary>
    public static TheoryData<string> ReasonIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in DeclaredIds())
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReasonIds))]
    public void Reason_DeclaredInCode_HasVietnameseAndEnglishTextWithTheSamePlaceholders(string id)
    {
        Assert.True(SettingReasons.All.TryGetValue(id, out var reason), $"'{id}' has no texts in SettingReasons.");
        Assert.False(string.IsNullOrWhiteSpace(reason.Vi), $"'{id}' has no Vietnamese text.");
        Assert.False(string.IsNullOrWhiteSpace(reason.En), $"'{id}' has no English text.");
        Assert.NotEqual(reason.En, reason.Vi);
        Assert.Equal(Placeholders(reason.En), Placeholders(reason.Vi));
        Assert.StartsWith("setting.", reason.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_EveryEntry_IsDeclaredInCode()
    {
        Assert.Equal(DeclaredIds().Order(StringComparer.Ordinal), SettingReasons.All.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ToEnglish_DurationRange_ReadsAsTheStartupFailure()
    {
        var failure = new SettingFailure("AttemptTimeout", SettingReasons.DurationRange, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));

        Assert.Equal("Adapters:business:AttemptTimeout must be between 10 ms and 1 day.", failure.ToEnglish("Adapters:business"));
        Assert.Equal("phải nằm trong khoảng từ 10 ms đến 1 ngày.", failure.Text(SettingReasons.Vietnamese));
    }

    [Fact]
    public void From_Failures_KeepsThemStructuredAndAsEnglishFailures()
    {
        var result = SettingsValidationResult.From("Adapters:dvcqg", [
            new SettingFailure("Mappings:LoaiDoiTuong", SettingReasons.MappingUnknownName, "Robot", new[] { "Citizen", "Business" }),
            new SettingFailure("AttemptTimeout", SettingReasons.DurationNotOver, new SettingKey("TotalTimeout")),
        ]);

        Assert.True(result.Failed);
        var structured = Assert.IsType<SettingsValidationResult>(result);
        Assert.Equal(2, structured.SettingFailures.Count);
        Assert.Equal(
            ["Adapters:dvcqg:Mappings:LoaiDoiTuong: 'Robot' is not one of Citizen, Business.", "Adapters:dvcqg:AttemptTimeout must not exceed TotalTimeout."],
            result.Failures);
        Assert.Equal(string.Join("; ", result.Failures!), result.FailureMessage);
        Assert.Same(ValidateOptionsResult.Success, SettingsValidationResult.From("Adapters:dvcqg", []));
    }

    private static IEnumerable<string> DeclaredIds()
    {
        string[] notReasons =
        [
            nameof(SettingReasons.Vietnamese), nameof(SettingReasons.English), nameof(SettingReasons.InvalidCode),
            nameof(SettingReasons.HostNotAllowedCode), nameof(SettingReasons.UnknownCode), nameof(SettingReasons.TypeCode),
        ];
        return typeof(SettingReasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && !notReasons.Contains(f.Name))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Distinct(StringComparer.Ordinal);
    }

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
