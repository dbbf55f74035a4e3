using System.Text.RegularExpressions;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Tests.Codes;

/// <summary>The reasons the code parsers emit: complete, unique, and readable in both languages.</summary>
public sealed partial class CodeErrorsTests
{
    internal static IReadOnlyList<FieldError> Catalogue => CodeErrors.All;

    public static TheoryData<string> Reasons()
    {
        var data = new TheoryData<string>();
        foreach (var error in CodeErrors.All)
        {
            data.Add(error.Reason);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Reason_Catalogued_HasVietnameseAndEnglishMessagesAndNoField(string reason)
    {
        var error = Assert.Single(CodeErrors.All, e => e.Reason == reason);

        Assert.Matches(ReasonPattern(), error.Reason);
        Assert.Equal(string.Empty, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.MessageVi));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn));
        Assert.Contains(error.MessageVi, c => c > 0x7F);
        Assert.NotEqual(error.MessageVi, error.MessageEn);
    }

    [Fact]
    public void Catalogue_EveryReason_IsExercisedByAnInvalidCorpus()
    {
        var corpora = new[]
        {
            AgencyCodeTests.Invalid, DossierCodeTests.Invalid, ProcedureCodeTests.Invalid, ResultCodeTests.Invalid,
            PersonalIdTests.Invalid, EnterpriseCodeTests.Invalid, SocialInsuranceCodeTests.Invalid,
        };
        var exercised = corpora.SelectMany(c => c).Select(row => (string)row[1]).ToHashSet(StringComparer.Ordinal);
        exercised.Add("personal_id.birth_year_future"); // needs a date: PersonalIdTests.TryParse_WithToday_RefusesBirthYearAfterToday

        Assert.Equal(CodeErrors.All.Select(e => e.Reason).Order(StringComparer.Ordinal), exercised.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WithField_CatalogueError_NamesTheFieldWithoutChangingTheShared()
    {
        AgencyCode.TryParse("H5", out _, out var error);

        var named = error!.WithField("receivingAgencyCode");

        Assert.Equal("receivingAgencyCode", named.Field);
        Assert.Equal(string.Empty, error.Field);
    }

    [GeneratedRegex("^[a-z_]+\\.[a-z0-9_]+$")]
    private static partial Regex ReasonPattern();
}
