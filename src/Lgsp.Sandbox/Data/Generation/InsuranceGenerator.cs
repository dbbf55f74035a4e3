using System.Globalization;
using Lgsp.Sandbox.Data.Records;
using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Generation;

/// <summary>
/// Contributing units (every enterprise head office, plus a hospital, a school and two ward people's committees
/// per former province) and participants: most working-age citizens (men to 61, women to 56) with one to four
/// contribution periods; every representative of an active enterprise who is of working age contributes at it
/// now, under the position the registry shows. BHXH codes start with the two-digit code of the province that
/// issued them (as <c>79…</c> in Hồ Chí Minh City), followed by eight random digits (no check digit is published).
/// </summary>
internal sealed class InsuranceGenerator(WorldSpec spec, DeterministicRandom rng, IReadOnlyList<PersonDraft> people, IReadOnlyList<EnterpriseDraft> enterprises)
{
    private static readonly string[] EnterprisePositions =
        ["Nhân viên", "Công nhân", "Kế toán", "Nhân viên kinh doanh", "Kỹ sư", "Trưởng phòng", "Lái xe", "Bảo vệ", "Thủ kho", "Kỹ thuật viên", "Phó giám đốc", "Công nhân may"];

    private static readonly string[] PublicPositions = ["Chuyên viên", "Giáo viên", "Bác sĩ", "Điều dưỡng", "Cán bộ", "Kế toán"];

    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly List<(DonViBhxh Unit, Province Province, bool IsPublic)> _units = [];
    private readonly Dictionary<string, List<int>> _unitsByProvince = new(StringComparer.Ordinal);

    public (IReadOnlyList<DonViBhxh> Units, IReadOnlyList<NguoiThamGiaBhxh> Participants) Generate()
    {
        var unitOfEnterprise = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var enterprise in enterprises.Where(e => !e.Record.IsBranch))
        {
            var main = enterprise.Record.MainInformation;
            unitOfEnterprise[main.EnterpriseGdtCode] = AddUnit(main.Name, main.EnterpriseGdtCode, enterprise.Ward, enterprise.Record.HoAddress.AddressFullText, isPublic: false);
        }

        foreach (var former in AdministrativeUnits.Provinces.SelectMany(p => p.Parts))
        {
            var first = former.Wards[0];
            AddUnit($"Bệnh viện Đa khoa {former.Name}", null, first, DiaChi.Of(first).DayDu, isPublic: true);
            AddUnit($"Trường Trung học cơ sở {Places.ShortName(first)}", null, first, DiaChi.Of(first).DayDu, isPublic: true);
            foreach (var ward in former.Wards.Take(2))
            {
                AddUnit($"Ủy ban nhân dân {ward.Name}", null, ward, DiaChi.Of(ward).DayDu, isPublic: true);
            }
        }

        // Representatives of active enterprises contribute there now.
        var currentJob = new Dictionary<int, (int Unit, string Position, DateOnly Since)>();
        foreach (var enterprise in enterprises.Where(e => !e.Record.IsBranch && e.Record.MainInformation.EnterpriseStatusName == BusinessGenerator.Active))
        {
            foreach (var (person, position) in enterprise.Representatives)
            {
                if (InWorkingAge(person) && !currentJob.ContainsKey(person.Index))
                {
                    currentJob[person.Index] = (unitOfEnterprise[enterprise.Record.MainInformation.EnterpriseGdtCode], position, enterprise.Record.MainInformation.FoundingDate);
                }
            }
        }

        var participants = new List<NguoiThamGiaBhxh>();
        foreach (var person in people)
        {
            var hasJob = currentJob.TryGetValue(person.Index, out var job);
            if (!InWorkingAge(person) || (!hasJob && !rng.Percent(ParticipationPercent(person.AgeOn(spec.AsOf)))))
            {
                continue;
            }

            var periods = Periods(person, hasJob ? job : null);
            if (periods.Count == 0)
            {
                continue;
            }

            var province = person.HomeWard.Former.Code;
            string code;
            do
            {
                code = province + rng.Digits(8);
            }
            while (!_taken.Add(code));

            participants.Add(new NguoiThamGiaBhxh(code, person.Name.DayDu, person.BirthDate, person.Gender, person.PersonalId, person.HomeWard.Province.Code, periods));
        }

        return (_units.Select(u => u.Unit).ToList(), participants);
    }

    private bool InWorkingAge(PersonDraft person) =>
        person.IsAlive && person.AgeOn(spec.AsOf) >= 18 && person.AgeOn(spec.AsOf) <= (person.Gender == GioiTinh.Nam ? 61 : 56);

    private static int ParticipationPercent(int age) => age switch
    {
        < 23 => 25,
        <= 50 => 72,
        _ => 60,
    };

    /// <summary>
    /// Earlier jobs from the first job (age 18–25, not before 1995) with gaps between them, then either the
    /// representative's current job, an open period for someone still employed, or nothing for someone who stopped.
    /// </summary>
    private List<QuaTrinhDong> Periods(PersonDraft person, (int Unit, string Position, DateOnly Since)? job)
    {
        var lastMonth = Month(spec.AsOf.AddMonths(-1));
        var careerStart = Month(Max(person.BirthDate.AddYears(rng.Between(18, 25)), new DateOnly(1995, 1, 1)));
        var jobStart = job is { } j ? Max(Month(j.Since), careerStart) : (DateOnly?)null;
        var until = jobStart?.AddMonths(-1) ?? lastMonth;
        var stillEmployed = job is null && rng.Percent(82);
        var jobs = job is null ? rng.Between(1, 4) : rng.Between(0, 3);

        var result = new List<QuaTrinhDong>();
        var cursor = careerStart;
        var raise = 100;
        for (var i = 0; i < jobs && cursor <= until; i++)
        {
            var to = cursor.AddMonths(rng.Between(6, 96) - 1);
            var last = i == jobs - 1 || to >= until;
            if (to > until)
            {
                to = until;
            }

            var open = last && stillEmployed;
            result.Add(Period(cursor, open ? null : to, PickUnit(person), raise));
            if (last)
            {
                break;
            }

            cursor = to.AddMonths(1 + (rng.Percent(70) ? 0 : rng.Between(1, 12)));
            raise += rng.Between(10, 60);
        }

        if (job is { } current && jobStart <= lastMonth)
        {
            var unit = _units[current.Unit].Unit;
            result.Add(new QuaTrinhDong(Text(jobStart.Value), null, unit.MaDonVi, unit.TenDonVi, current.Position, Salary(jobStart.Value, raise + 150)));
        }

        return result;
    }

    private QuaTrinhDong Period(DateOnly from, DateOnly? to, (DonViBhxh Unit, Province Province, bool IsPublic) unit, int raise)
    {
        var position = rng.Pick(unit.IsPublic ? PublicPositions : EnterprisePositions);
        return new QuaTrinhDong(Text(from), to is null ? null : Text(to.Value), unit.Unit.MaDonVi, unit.Unit.TenDonVi, position, Salary(from, raise + rng.Between(0, 120)));
    }

    private (DonViBhxh Unit, Province Province, bool IsPublic) PickUnit(PersonDraft person)
    {
        var province = (person.CurrentWard ?? person.HomeWard).Province.Code;
        if (_unitsByProvince.TryGetValue(province, out var local) && rng.Percent(75))
        {
            return _units[rng.Pick(local)];
        }

        return _units[rng.Next(_units.Count)];
    }

    private int AddUnit(string name, string? taxCode, Ward ward, string address, bool isPublic)
    {
        string code;
        do
        {
            code = string.Concat(Letter(), Letter(), Letter(), rng.Digits(3), Letter().ToString());
        }
        while (!_taken.Add(code));

        var index = _units.Count;
        _units.Add((new DonViBhxh(code, name, taxCode, ward.Province.Code, address), ward.Province, isPublic));
        if (!_unitsByProvince.TryGetValue(ward.Province.Code, out var list))
        {
            _unitsByProvince[ward.Province.Code] = list = [];
        }

        list.Add(index);
        return index;
    }

    private char Letter() => (char)('A' + rng.Next(26));

    /// <summary>
    /// Monthly salary base: the regional minimum of the time (roughly) times a factor that grows with each job,
    /// rounded to thousands of đồng.
    /// </summary>
    private static long Salary(DateOnly month, int percent)
    {
        long minimum = month.Year switch
        {
            < 2000 => 350_000,
            < 2005 => 600_000,
            < 2010 => 1_000_000,
            < 2013 => 1_500_000,
            < 2016 => 2_700_000,
            < 2019 => 3_500_000,
            < 2022 => 4_200_000,
            < 2024 => 4_680_000,
            _ => 4_960_000,
        };
        return minimum * percent / 100 / 1000 * 1000;
    }

    private static DateOnly Month(DateOnly day) => new(day.Year, day.Month, 1);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Text(DateOnly month) => month.ToString("MM/yyyy", CultureInfo.InvariantCulture);
}
