using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Tests.Dossiers;

public sealed class DossierStatusesTests
{
    [Theory]
    [InlineData(1, DossierStatus.Registered, "Mới đăng ký", "Registered")]
    [InlineData(2, DossierStatus.Accepted, "Được tiếp nhận", "Accepted")]
    [InlineData(3, DossierStatus.Refused, "Không được tiếp nhận", "Refused at intake")]
    [InlineData(4, DossierStatus.Processing, "Đang xử lý", "Processing")]
    [InlineData(5, DossierStatus.SupplementRequested, "Yêu cầu bổ sung giấy tờ", "Supplement requested")]
    [InlineData(6, DossierStatus.FinancialObligation, "Yêu cầu thực hiện nghĩa vụ tài chính", "Financial obligation requested")]
    [InlineData(7, DossierStatus.Withdrawn, "Công dân yêu cầu rút hồ sơ", "Withdrawn by the applicant")]
    [InlineData(8, DossierStatus.Stopped, "Dừng xử lý", "Processing stopped")]
    [InlineData(9, DossierStatus.Resolved, "Đã xử lý xong", "Resolved")]
    [InlineData(10, DossierStatus.ResultReturned, "Đã trả kết quả", "Result returned")]
    public void Status_EachDvcqgCode_HasItsWireValueAndNames(int code, DossierStatus status, string vi, string en)
    {
        Assert.Equal(code, (int)status);
        Assert.Equal(code, status.Code());
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), status.ToWire());
        Assert.Equal(vi, status.NameVi());
        Assert.Equal(en, status.NameEn());
        Assert.True(status.IsDefined());
    }

    [Fact]
    public void All_ListsTheTenCodesInOrder()
    {
        Assert.Equal(Enumerable.Range(1, 10), DossierStatuses.All.Select(s => (int)s));
        Assert.Equal(Enum.GetValues<DossierStatus>(), DossierStatuses.All);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(10)]
    public void TryParse_IntInRange_ReturnsTheStatus(int code)
    {
        Assert.True(DossierStatuses.TryParse(code, out var status, out var error));
        Assert.Equal(code, (int)status);
        Assert.Null(error);
        Assert.Equal(status, DossierStatuses.Parse(code));
    }

    [Theory]
    [InlineData("1", DossierStatus.Registered)]
    [InlineData("2", DossierStatus.Accepted)]
    [InlineData("3", DossierStatus.Refused)]
    [InlineData("4", DossierStatus.Processing)]
    [InlineData("5", DossierStatus.SupplementRequested)]
    [InlineData("6", DossierStatus.FinancialObligation)]
    [InlineData("7", DossierStatus.Withdrawn)]
    [InlineData("8", DossierStatus.Stopped)]
    [InlineData("9", DossierStatus.Resolved)]
    [InlineData("10", DossierStatus.ResultReturned)]
    public void TryParse_WireString_ReturnsTheStatus(string text, DossierStatus expected)
    {
        Assert.True(DossierStatuses.TryParse(text, out var status, out var error));
        Assert.Equal(expected, status);
        Assert.Null(error);
        Assert.Equal(text, status.ToWire());
    }

    [Theory]
    [InlineData(0, "status.unknown")]
    [InlineData(11, "status.range")]
    [InlineData(-1, "status.range")]
    [InlineData(int.MinValue, "status.range")]
    [InlineData(int.MaxValue, "status.range")]
    public void TryParse_IntOutOfRange_FailsWithReason(int code, string reason)
    {
        Assert.False(DossierStatuses.TryParse(code, out _, out var error));
        Assert.Equal(reason, error.Reason);
        Assert.Equal("", error.Field);
    }

    [Theory]
    [InlineData(null, "status.missing")]
    [InlineData("", "status.missing")]
    [InlineData("   ", "status.missing")]
    [InlineData("0", "status.unknown")]
    [InlineData("11", "status.range")]
    [InlineData("-1", "status.range")]
    [InlineData("99999999999999999999", "status.range")]
    [InlineData(" 5 ", "status.format")]
    [InlineData("5 ", "status.format")]
    [InlineData("05", "status.format")]
    [InlineData("00", "status.format")]
    [InlineData("-0", "status.format")]
    [InlineData("+5", "status.format")]
    [InlineData("5.0", "status.format")]
    [InlineData("1e1", "status.format")]
    [InlineData("abc", "status.format")]
    [InlineData("-", "status.format")]
    [InlineData("５", "status.format")] // full-width digit
    [InlineData("٥", "status.format")] // Arabic-Indic digit
    [InlineData("Processing", "status.format")] // enum names are not the wire form
    public void TryParse_InvalidString_FailsWithPreciseReason(string? text, string reason)
    {
        Assert.False(DossierStatuses.TryParse(text, out var status, out var error));
        Assert.Equal(default, status);
        Assert.Equal(reason, error.Reason);
        Assert.NotEmpty(error.MessageVi);
        Assert.NotEmpty(error.MessageEn);
    }

    [Fact]
    public void TryParse_Zero_ExplainsThatOpenCpsUnknownIsNotAStatus()
    {
        Assert.False(DossierStatuses.TryParse("0", out _, out var error));

        Assert.Equal("Mã trạng thái 0 (\"không xác định\" của OpenCPS) không phải là trạng thái của Cổng DVC Quốc gia; chỉ nhận 1–10.", error.MessageVi);
        Assert.Equal("Status 0 (OpenCPS's \"unknown\") is not a national-portal status; only 1–10 are accepted.", error.MessageEn);
    }

    [Fact]
    public void TryParse_Eleven_NamesTheValueInBothLanguages()
    {
        Assert.False(DossierStatuses.TryParse("11", out _, out var error));

        Assert.Equal("Mã trạng thái hồ sơ 11 nằm ngoài khoảng 1–10.", error.MessageVi);
        Assert.Equal("The dossier status code 11 is outside 1–10.", error.MessageEn);
    }

    [Fact]
    public void TryParse_HugeNegativeString_EchoesTheTextNotAClampedNumber()
    {
        Assert.False(DossierStatuses.TryParse("-99999999999", out _, out var error));

        Assert.Equal("status.range", error.Reason);
        Assert.Equal("The dossier status code -99999999999 is outside 1–10.", error.MessageEn);
    }

    [Theory]
    [InlineData("0", "status.unknown")]
    [InlineData("05", "status.format")]
    [InlineData(null, "status.missing")]
    public void Parse_InvalidString_ThrowsInvalidStatusWithTheFieldError(string? text, string reason)
    {
        var ex = Assert.Throws<LgspException>(() => DossierStatuses.Parse(text, "/data/0/TrangThai"));

        Assert.Same(ErrorCatalogue.InvalidStatus, ex.Error);
        Assert.Equal("client.invalid_status", ex.Error.Code);
        var error = Assert.Single(ex.FieldErrors);
        Assert.Equal(("/data/0/TrangThai", reason), (error.Field, error.Reason));
    }

    [Fact]
    public void Parse_IntOutOfRange_ThrowsInvalidStatus()
    {
        var ex = Assert.Throws<LgspException>(() => DossierStatuses.Parse(11));

        Assert.Same(ErrorCatalogue.InvalidStatus, ex.Error);
        Assert.Equal("status.range", Assert.Single(ex.FieldErrors).Reason);
    }

    [Theory]
    [InlineData(DossierStatus.Registered, Group766.PreReceipt, "Chưa tiếp nhận")]
    [InlineData(DossierStatus.Accepted, Group766.Open, "Đang xử lý")]
    [InlineData(DossierStatus.Refused, Group766.Refused, "Không được tiếp nhận")]
    [InlineData(DossierStatus.Processing, Group766.Open, "Đang xử lý")]
    [InlineData(DossierStatus.SupplementRequested, Group766.Paused, "Tạm dừng")]
    [InlineData(DossierStatus.FinancialObligation, Group766.Paused, "Tạm dừng")]
    [InlineData(DossierStatus.Withdrawn, Group766.Closed, "Đã xử lý")]
    [InlineData(DossierStatus.Stopped, Group766.Paused, "Tạm dừng")]
    [InlineData(DossierStatus.Resolved, Group766.Closed, "Đã xử lý")]
    [InlineData(DossierStatus.ResultReturned, Group766.Closed, "Đã xử lý")]
    public void ToGroup766_EachStatus_IsInItsTdDvcSet(DossierStatus status, Group766 group, string labelVi)
    {
        Assert.Equal(group, status.ToGroup766());
        Assert.Equal(labelVi, group.NameVi());
        Assert.NotEmpty(group.NameEn());
    }

    [Fact]
    public void NamesAndGroup_UndefinedStatus_Throw()
    {
        var undefined = (DossierStatus)0;

        Assert.False(undefined.IsDefined());
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.NameVi());
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.NameEn());
        Assert.Throws<ArgumentOutOfRangeException>(() => undefined.ToGroup766());
    }
}
