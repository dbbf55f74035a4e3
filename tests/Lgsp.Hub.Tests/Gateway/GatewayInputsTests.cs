using System.Text;
using Lgsp.Core.Codes;
using Lgsp.Core.Lookups;
using Lgsp.Hub.Gateway;

namespace Lgsp.Hub.Tests.Gateway;

/// <summary>The gateway's parsers: each returns one record with the argument, the log's subject and every problem.</summary>
public sealed class GatewayInputsTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static (string Field, string Reason)[] Problems<T>(LookupInput<T> input) => [.. input.Errors.Select(e => (e.Field, e.Reason))];

    [Fact]
    public void Parcel_WellFormed_KeyAndSubjectWithoutProblems()
    {
        var input = GatewayInputs.Parcel(" 01234 ", "12", "345", certificate: null);

        Assert.Equal(new ParcelKey("01234", 12, 345), input.Value);
        Assert.Equal(new LookupSubject("parcel", " 01234 /12/345"), input.Subject);
        Assert.Empty(input.Errors);
    }

    [Fact]
    public void Parcel_EveryPartMalformed_EachProblemListedAndNoKey()
    {
        var input = GatewayInputs.Parcel("1234", "0", "abc", certificate: null);

        Assert.Null(input.Value);
        Assert.Equal(new LookupSubject("parcel", "1234/0/abc"), input.Subject);
        Assert.Equal(
            [("ward", GatewayErrors.WardCodeFormat.Reason), ("mapSheet", GatewayErrors.MapSheetFormat.Reason), ("parcel", GatewayErrors.ParcelNoFormat.Reason)],
            Problems(input));
    }

    [Fact]
    public void Parcel_MixedWithACertificate_RefusedForItsShapeWithoutSubject()
    {
        var input = GatewayInputs.Parcel("01234", null, null, certificate: "CS 123456");

        Assert.Null(input.Value);
        Assert.Equal(new LookupSubject("parcel", null), input.Subject);
        Assert.Equal([GatewayErrors.ParcelQueryShape], input.Errors);
    }

    [Fact]
    public void Certificate_LowerCaseWithoutSpace_Normalised()
    {
        var input = GatewayInputs.Certificate("cs123456");

        Assert.Equal("CS 123456", input.Value);
        Assert.Equal(new LookupSubject("land_certificate", "cs123456"), input.Subject);
        Assert.Empty(input.Errors);
        Assert.Equal([("certificate", GatewayErrors.CertificateFormat.Reason)], Problems(GatewayInputs.Certificate("C 1234567")));
    }

    [Fact]
    public void Registration_WellFormed_KeyWithTheKindUpperCased()
    {
        var input = GatewayInputs.Registration("ks", "01234", "01/2019", "17", personalId: null);

        Assert.Equal(new CivilRegistrationKey(CivilRegistrationKinds.Birth, "01234", "01/2019", 17), input.Value);
        Assert.Equal(new LookupSubject("civil_registration", "ks/01234/01/2019/17"), input.Subject);
        Assert.Empty(input.Errors);
    }

    [Fact]
    public void Registration_EveryPartMalformed_EachProblemListedAndNoKey()
    {
        var input = GatewayInputs.Registration("XX", "1", "00/2019", "0", personalId: null);

        Assert.Null(input.Value);
        Assert.Equal(
            [("kind", GatewayErrors.RegistrationKind.Reason), ("office", GatewayErrors.OfficeCodeFormat.Reason),
             ("book", GatewayErrors.BookNoFormat.Reason), ("number", GatewayErrors.RegistrationNoFormat.Reason)],
            Problems(input));
        Assert.Equal([GatewayErrors.RegistrationQueryShape], GatewayInputs.Registration("KS", null, null, null, "001190004321").Errors);
    }

    [Fact]
    public void Person_Malformed_ProblemNamedByItsFieldAndSubjectAsGiven()
    {
        var input = GatewayInputs.Person("12345", "/personalId", Today);

        Assert.Equal(new LookupSubject("personal_id", "12345"), input.Subject);
        Assert.Equal("/personalId", Assert.Single(input.Errors).Field);
        Assert.Equal(default, input.Value);
        Assert.Equal(PersonalId.Parse("001190004321"), GatewayInputs.Person("001190004321", "personalId", Today).Value);
    }

    [Fact]
    public void Verification_WellFormed_RequestAndSubject()
    {
        var body = Encoding.UTF8.GetBytes("""{"personalId":"001190004321","fullName":" Nguyễn Văn An ","birthYear":1990}""");

        var input = GatewayInputs.Verification(body, tooLarge: false, Today);

        Assert.Empty(input.Errors);
        Assert.NotNull(input.Value);
        Assert.Equal(("Nguyễn Văn An", 1990, (DateOnly?)null), (input.Value.FullName, input.Value.BirthYear, input.Value.DateOfBirth));
        Assert.Equal(new LookupSubject("personal_id", "001190004321"), input.Subject);
    }

    [Fact]
    public void Verification_EveryFieldWrong_EachProblemByJsonPointerAndNoRequest()
    {
        var body = Encoding.UTF8.GetBytes("""{"personalId":"1","fullName":"  ","dateOfBirth":"2030-01-01","birthYear":1800}""");

        var input = GatewayInputs.Verification(body, tooLarge: false, Today);

        Assert.Null(input.Value);
        Assert.Equal(new LookupSubject("personal_id", "1"), input.Subject);
        Assert.Equal(["/personalId", "/fullName", "/dateOfBirth", "/birthYear", "/birthYear"], input.Errors.Select(e => e.Field));
        Assert.Equal([GatewayErrors.BirthYearRange.Reason, GatewayErrors.BirthFactsConflict.Reason], input.Errors.Skip(3).Select(e => e.Reason));
    }

    [Theory]
    [InlineData(null, false, "body.missing")]
    [InlineData("", false, "body.missing")]
    [InlineData("{not json", false, "body.malformed")]
    [InlineData("null", false, "body.malformed")]
    [InlineData("{}", true, "body.too_large")]
    public void Verification_NoUsableBody_OneProblemForTheWholeBody(string? text, bool tooLarge, string reason)
    {
        var input = GatewayInputs.Verification(text is null ? null : Encoding.UTF8.GetBytes(text), tooLarge, Today);

        Assert.Null(input.Value);
        Assert.Equal(new LookupSubject("personal_id", null), input.Subject);
        Assert.Equal([(string.Empty, reason)], Problems(input));
    }

    [Fact]
    public void Headers_AllThreeWrong_EachProblemByHeaderAndNothingKept()
    {
        var headers = GatewayInputs.Headers(purposeText: " ", officerText: null, requestIdText: "", officerRequired: true);

        Assert.Equal((null, null), (headers.OfficerId, headers.RequestId));
        Assert.Equal(
            [(GatewayHeaders.Purpose, GatewayErrors.PurposeMissing.Reason), (GatewayHeaders.OfficerId, GatewayErrors.OfficerMissing.Reason),
             (GatewayHeaders.RequestId, GatewayErrors.RequestIdFormat.Reason)],
            headers.Errors.Select(e => (e.Field, e.Reason)));
    }

    [Fact]
    public void Headers_WellFormed_PurposeOfficerAndRequestId()
    {
        var headers = GatewayInputs.Headers("1.001193", "canbo.h56.0042", "portal-req-0001", officerRequired: true);

        Assert.Empty(headers.Errors);
        Assert.Equal((ProcedureCode.Parse("1.001193"), "canbo.h56.0042", "portal-req-0001"), (headers.Purpose, headers.OfficerId, headers.RequestId));
        Assert.Equal([(GatewayHeaders.OfficerId, GatewayErrors.OfficerFormat.Reason)],
            GatewayInputs.Headers("1.001193", "có dấu", null, officerRequired: false).Errors.Select(e => (e.Field, e.Reason)));
    }
}
