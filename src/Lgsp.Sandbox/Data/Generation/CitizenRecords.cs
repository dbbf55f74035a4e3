using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.Data.Generation;

/// <summary>Freezes the drafts into the population database's records.</summary>
internal static class CitizenRecords
{
    public static (IReadOnlyList<CongDan> Citizens, IReadOnlyList<HoGiaDinh> Households) Build(
        IReadOnlyList<PersonDraft> people, IReadOnlyList<HouseholdDraft> households, DateOnly asOf)
    {
        var citizens = people.Select(p => ToCitizen(p, asOf)).ToList();
        var homes = households.Select(h => new HoGiaDinh(
            h.Number,
            h.Head.PersonalId,
            DiaChi.Of(h.Ward, h.Detail),
            h.Members.Select(m => new ThanhVienHo(m.PersonalId, m.Relation!)).ToList())).ToList();
        return (citizens, homes);
    }

    public static NguoiThan Relative(PersonDraft p) => new(p.Name, "VN", p.PersonalId, p.OldId);

    public static DiaChi PermanentAddress(PersonDraft p) => DiaChi.Of(p.HomeWard, p.HomeDetail);

    private static CongDan ToCitizen(PersonDraft p, DateOnly asOf)
    {
        var permanent = PermanentAddress(p);
        var current = p.CurrentWard is { } ward ? DiaChi.Of(ward, p.CurrentDetail!) : permanent;
        var status = p.Spouse switch
        {
            null => TinhTrangHonNhan.ChuaKetHon,
            { IsAlive: false } when p.IsAlive => TinhTrangHonNhan.Goa,
            _ => TinhTrangHonNhan.DaKetHon,
        };

        // A child under 14 is represented by a parent (father first, as the record is usually filled).
        NguoiThan? representative = null;
        if (p.IsAlive && p.AgeOn(asOf) < 14)
        {
            var parent = p.Father is { IsAlive: true } ? p.Father : p.Mother is { IsAlive: true } ? p.Mother : null;
            representative = parent is null ? null : Relative(parent);
        }

        var head = p.Household?.Head;
        return new CongDan(
            p.PersonalId,
            p.OldId,
            p.Name,
            p.Gender,
            p.Ethnicity.Value,
            p.Religion,
            status,
            p.BloodGroupOnRecord ? p.BloodGroup : null,
            new NgayThangNamSinh(p.BirthDate.Year, p.BirthYearOnly ? null : p.BirthDate),
            "VN",
            DiaChi.Of(p.BirthWard),
            DiaChi.Of(p.HometownWard),
            permanent,
            current,
            p.Father is null ? null : Relative(p.Father),
            p.Mother is null ? null : Relative(p.Mother),
            p.Spouse is null ? null : Relative(p.Spouse),
            representative,
            head is null ? null : new ChuHo(p.Relation!, head.PersonalId, head.OldId, head.Name),
            p.Household?.Number,
            p.DeathDate);
    }
}
