using System.Globalization;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.StatusSync;

namespace Lgsp.Hub.StatusSync.NationalPull;

/// <summary>
/// A pulled birth (<c>KS</c>) or death (<c>KT</c>) registration as a hub dossier, as the public .NET system makes its
/// one-stop dossier of it: owner = the requester (<c>nyc*</c>: name, personal id, phone, e-mail), summary = the
/// procedure and the child's or the deceased's name with the national code, the national code kept as the alias
/// (<c>MaHoSoKhac</c>), submitted online, status 1 (the one-stop system receives it). The attachments become the
/// dossier's components (name, file id <c>dvclt:&lt;national code&gt;:&lt;id&gt;</c>, withdrawn ones deleted).
/// </summary>
internal static class LinkedDossierMapping
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy", "yyyyMMddHHmmss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    public static Dossier ToDossier(LinkedDossier fetched, DossierCode code, AgencyCode agency, IReadOnlyList<NationalDossierPullAttachment> attachments, DateTimeOffset now)
    {
        var listing = fetched.Listing;
        var record = fetched.Record;
        var birth = string.Equals(listing.Module, "KS", StringComparison.OrdinalIgnoreCase);
        var procedureName = birth ? "Đăng ký khai sinh" : "Đăng ký khai tử";
        var subject = Field(record, birth ? "nksHoTen" : "nktHoTen");
        var requester = Field(record, "nycHoTen") ?? subject ?? "Không có thông tin";
        var personalId = Field(record, "nycSoGiayToTuyThan");
        var procedure = ProcedureCode.TryParse(NationalPart(listing.ProcedureCode), out var national)
            ? national
            : ProcedureCode.Parse(birth ? "1.001193" : "1.000656");
        return new Dossier
        {
            Code = code,
            CodeAlias = DossierCode.TryParse(listing.NationalCode, out var alias) ? alias : null,
            Procedure = new DossierProcedure { NationalCode = procedure, Name = procedureName, FieldName = "Hộ tịch" },
            ReceivingAgencyCode = agency,
            Channel = DossierChannel.Online,
            SubmittedVia = "DVCLT",
            Owner = new Party
            {
                Kind = PartyKind.Citizen,
                Name = Cut(requester, 200),
                Identifiers = personalId is { Length: 12 } && personalId.All(char.IsAsciiDigit)
                    ? [new PartyIdentifier { Type = PartyIdentifierType.PersonalId, Value = personalId }]
                    : [],
                Phone = Field(record, "nycSoDienThoai"),
                Email = Field(record, "nycEmail"),
                Address = Field(record, birth ? "chaNoiCuTru" : "nktNoiCuTru") ?? Field(record, birth ? "meNoiCuTru" : "nycNoiCuTru"),
            },
            Summary = Cut(procedureName + (subject is null ? "" : " cho " + subject) + " (" + listing.NationalCode + ")", 1000),
            SubmittedAt = ParseTime(listing.ReceivedAt) is { } submitted && submitted <= now ? submitted : now,
            Status = DossierStatus.Registered,
            OwnerVneidVerified = Field(record, "nycXacThucThongTin") == "1",
            HasDigitizedComponents = attachments.Count > 0,
            Components = [.. attachments.Select(a => new DossierComponent
            {
                FileId = "dvclt:" + listing.NationalCode + ":" + a.FileId.ToString(CultureInfo.InvariantCulture),
                Name = string.IsNullOrWhiteSpace(a.DocumentName) ? a.FileName : a.DocumentName,
                Digitized = true,
                Deleted = a.Withdrawn,
            })],
        };
    }

    /// <summary>The procedure code without a local suffix: <c>1.001193.000.00.00.H56</c> → <c>1.001193</c>.</summary>
    private static string NationalPart(string code)
    {
        var parts = code.Split('.');
        return parts.Length >= 2 ? parts[0] + "." + parts[1] : code;
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, Lgsp.Core.Time.VietnamTime.Offset)
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) ? withOffset : null;

    private static string? Field(IReadOnlyDictionary<string, string> record, string name) =>
        record.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim()
        : record.TryGetValue(name + ".dcChiTiet", out var address) && !string.IsNullOrWhiteSpace(address) ? address.Trim() : null;

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";
}
