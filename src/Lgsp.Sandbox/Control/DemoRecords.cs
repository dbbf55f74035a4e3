using System.Globalization;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Generation;
using Lgsp.Sandbox.Data.Records;
using Lgsp.Sandbox.NationalIdentity;

namespace Lgsp.Sandbox.Control;

/// <summary>A handful of records a developer can look up through the hub, each with what it is good for.</summary>
internal sealed record DemoRecords(
    ulong Seed,
    string AsOf,
    string Note,
    IReadOnlyList<DemoCitizen> Citizens,
    IReadOnlyList<DemoEnterprise> Enterprises,
    IReadOnlyList<DemoParcel> Parcels,
    IReadOnlyList<DemoInsurance> SocialInsurance,
    IReadOnlyList<DemoCivilRegistration> CivilRegistry,
    NationalIdentityDemo? NationalIdentity = null)
{
    public const string SyntheticNote = "Synthetic data: every person, enterprise and parcel here is made up from the seed.";

    /// <summary>The first records (in generation order) that show each case; the same seed always gives the same list.</summary>
    public static DemoRecords From(SyntheticWorld world)
    {
        var asOf = world.Spec.AsOf;
        var citizens = new List<DemoCitizen>();
        void AddCitizen(Func<CongDan, bool> predicate, string why)
        {
            if (world.Citizens.FirstOrDefault(c => predicate(c) && citizens.TrueForAll(d => d.PersonalId != c.SoDinhDanh)) is { } c)
            {
                citizens.Add(new DemoCitizen(c.SoDinhDanh, c.HoVaTen.DayDu, c.HoVaTen.KhongDau, BirthText(c.NgayThangNamSinh),
                    c.GioiTinh == GioiTinh.Nam ? "Nam" : "Nữ", c.ThuongTru.TenTinhThanh, why));
            }
        }

        AddCitizen(c => c.ChuHo?.QuanHe == "Chủ hộ" && c.TinhTrangHonNhan == TinhTrangHonNhan.DaKetHon
                && world.FindParcelsOf(c.SoDinhDanh).Count > 0 && world.FindInsuranceOf(c.SoDinhDanh) is not null,
            "Married household head; owns land and contributes to BHXH.");
        AddCitizen(c => !c.DaChet && Ages.On(c.NgayThangNamSinh.NgayThangNam ?? asOf, asOf) < 14 && c.Cha is not null && c.Me is not null,
            "Child under 14: birth record (KS), both parents are citizens, a parent is the representative.");
        AddCitizen(c => c.TinhTrangHonNhan == TinhTrangHonNhan.Goa, "Widowed: the spouse is a deceased citizen with a death record (KT).");
        AddCitizen(c => c.DaChet, "Deceased: has a death record (KT).");
        AddCitizen(c => c.NgayThangNamSinh.NgayThangNam is null, "Only the year of birth is on record.");
        AddCitizen(c => c.HoVaTen.Ho is "Y" or "H'" or "A" or "Ka" || c.HoVaTen.Ho.StartsWith("K'", StringComparison.Ordinal) || c.HoVaTen.Ho.StartsWith("H'", StringComparison.Ordinal),
            "Highland name split by position: Ho holds the gender prefix, not a family name.");
        AddCitizen(c => c.NoiOHienTai != c.ThuongTru, "Lives away from the permanent address (NoiOHienTai differs from ThuongTru).");

        var enterprises = new List<DemoEnterprise>();
        void AddEnterprise(DoanhNghiep? e, string why)
        {
            if (e is not null && enterprises.TrueForAll(d => d.EnterpriseCode != e.MainInformation.EnterpriseGdtCode))
            {
                enterprises.Add(new DemoEnterprise(e.MainInformation.EnterpriseGdtCode, e.MainInformation.Name, e.MainInformation.EnterpriseStatusName, why));
            }
        }

        var withBranches = world.Enterprises.FirstOrDefault(e => !e.IsBranch && world.FindBranches(e.MainInformation.EnterpriseGdtCode).Count > 0);
        AddEnterprise(world.Enterprises.FirstOrDefault(e => !e.IsBranch && e.MainInformation.EnterpriseStatusName == BusinessGenerator.Active),
            "Active enterprise.");
        AddEnterprise(withBranches, "Enterprise with branches.");
        AddEnterprise(withBranches is null ? null : world.FindBranches(withBranches.MainInformation.EnterpriseGdtCode)[0], "Branch: the enterprise code plus -001.");
        AddEnterprise(world.Enterprises.FirstOrDefault(e => e.MainInformation.EnterpriseStatusName.StartsWith("Đã giải thể", StringComparison.Ordinal)),
            "Dissolved enterprise.");
        AddEnterprise(world.Enterprises.FirstOrDefault(e => e.MainInformation.NameF is null && !e.IsBranch), "Sole proprietorship: no foreign or short name.");

        var parcels = new List<DemoParcel>();
        void AddParcel(ThuaDat? p, string why)
        {
            if (p is not null)
            {
                parcels.Add(new DemoParcel(p.MaXa, p.TenXa, p.SoHieuBanDo, p.SoThuTuThua, p.GiayChungNhan?.SoPhatHanh, p.ChuSuDung[0].SoDinhDanh, why));
            }
        }

        AddParcel(world.Parcels.FirstOrDefault(p => p.GiayChungNhan is not null && p.ChuSuDung.Count == 1), "Parcel with a certificate, one owner.");
        AddParcel(world.Parcels.FirstOrDefault(p => p.GiayChungNhan is not null && p.ChuSuDung.Count == 2), "Parcel co-owned by a married couple.");
        AddParcel(world.Parcels.FirstOrDefault(p => p.GiayChungNhan is null), "Parcel without a certificate.");

        var insurance = new List<DemoInsurance>();
        void AddInsurance(NguoiThamGiaBhxh? p, string why)
        {
            if (p is not null)
            {
                insurance.Add(new DemoInsurance(p.Masobhxh, p.SoDinhDanh, p.Hoten, p.QuaTrinh.Count, why));
            }
        }

        AddInsurance(world.InsuranceParticipants.FirstOrDefault(p => p.QuaTrinh[^1].DenThang is null && p.QuaTrinh.Count > 1), "Contributing now, after earlier jobs.");
        AddInsurance(world.InsuranceParticipants.FirstOrDefault(p => p.QuaTrinh[^1].DenThang is not null), "No longer contributing.");

        var registry = new List<DemoCivilRegistration>();
        foreach (var entry in new HoTich?[] { world.Births.FirstOrDefault(), world.Deaths.FirstOrDefault(), world.Marriages.FirstOrDefault() })
        {
            if (entry is not null)
            {
                registry.Add(new DemoCivilRegistration(entry.Loai.ToString(), entry.MaDonVi, entry.TenCoQuanDangKy, entry.QuyenSo, entry.SoDangKy,
                    entry.SubjectIds.ToList(), entry.MaGiayToKetQua));
            }
        }

        return new DemoRecords(world.Spec.Seed, asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), SyntheticNote,
            citizens, enterprises, parcels, insurance, registry);
    }

    private static string BirthText(NgayThangNamSinh birth) =>
        birth.NgayThangNam?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? birth.Nam.ToString(CultureInfo.InvariantCulture);
}

internal sealed record DemoCitizen(string PersonalId, string FullName, string FullNameUpper, string DateOfBirth, string Gender, string Province, string Why);

internal sealed record DemoEnterprise(string EnterpriseCode, string Name, string Status, string Why);

internal sealed record DemoParcel(string WardCode, string WardName, int MapSheet, int ParcelNo, string? Certificate, string OwnerPersonalId, string Why);

internal sealed record DemoInsurance(string BhxhCode, string PersonalId, string FullName, int Periods, string Why);

internal sealed record DemoCivilRegistration(string Kind, string Office, string OfficeName, string Book, int Number, IReadOnlyList<string> SubjectPersonalIds, string? ResultCode);
