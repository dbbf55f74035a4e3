using System.Globalization;
using Lgsp.Sandbox.Data.Records;
using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Generation;

/// <summary>
/// The civil registry of the world: a birth entry (KS) for every citizen whose mother is a citizen, a death
/// entry (KT) for every deceased citizen, a marriage entry (KH) for every couple. Entries are filed at the ward
/// where the birth was registered, where the deceased lived, or where the couple lives; each office numbers
/// each kind of entry from 1 every year in date order, 200 to a book (<c>01/2019</c>, <c>02/2019</c>).
/// Deadlines are kept: births registered within 60 days, deaths within 15.
/// </summary>
internal sealed class CivilRegistryGenerator(WorldSpec spec, DeterministicRandom rng, IReadOnlyList<PersonDraft> people)
{
    public const string BirthResultCode = "KQ.G15.000031";
    public const string DeathResultCode = "KQ.G15.000034";
    private const int EntriesPerBook = 200;

    private static readonly Weighted<string> CausesOfDeath = Weighted.Of(
        ("Bệnh lý tim mạch", 25), ("Tai biến mạch máu não", 22), ("Ung thư", 20), ("Bệnh phổi tắc nghẽn mạn tính", 10),
        ("Đái tháo đường", 8), ("Tai nạn giao thông", 6), ("Suy thận", 5), ("Viêm phổi", 4));

    public (IReadOnlyList<KhaiSinh> Births, IReadOnlyList<KhaiTu> Deaths, IReadOnlyList<KetHon> Marriages) Generate()
    {
        var pending = new List<Pending>();
        foreach (var person in people)
        {
            if (person.Mother is not null)
            {
                var registered = person.BirthDate.AddDays(rng.Between(3, 55));
                pending.Add(new Pending(LoaiHoTich.KS, person.BirthWard, registered, person.Index, person));
            }

            if (person.DeathDate is { } died)
            {
                var registered = Min(died.AddDays(rng.Between(1, 14)), spec.AsOf.AddDays(-1));
                pending.Add(new Pending(LoaiHoTich.KT, person.HomeWard, registered, person.Index, person));
            }

            if (person.Gender == GioiTinh.Nu && person.Spouse is not null)
            {
                var home = person.IsAlive ? person.HomeWard : person.Spouse.HomeWard;
                pending.Add(new Pending(LoaiHoTich.KH, home, person.MarriageDate!.Value, person.Index, person));
            }
        }

        // One total order (kind, office, year, date, person) decides every number: no hash order involved.
        pending.Sort((a, b) =>
        {
            var c = a.Kind.CompareTo(b.Kind);
            c = c != 0 ? c : string.CompareOrdinal(a.Office.Code, b.Office.Code);
            c = c != 0 ? c : a.Date.CompareTo(b.Date);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });

        var births = new List<KhaiSinh>();
        var deaths = new List<KhaiTu>();
        var marriages = new List<KetHon>();
        Pending? previous = null;
        var number = 0;
        foreach (var entry in pending)
        {
            var sameSequence = previous is { } p && p.Kind == entry.Kind && p.Office == entry.Office && p.Date.Year == entry.Date.Year;
            number = sameSequence ? number + 1 : 1;
            previous = entry;

            var book = string.Create(CultureInfo.InvariantCulture, $"{((number - 1) / EntriesPerBook) + 1:D2}/{entry.Date.Year}");
            var page = ((number - 1) % EntriesPerBook) + 1;
            var office = $"Ủy ban nhân dân {entry.Office.Name}";
            switch (entry.Kind)
            {
                case LoaiHoTich.KS:
                    births.Add(Birth(entry, office, number, book, page));
                    break;
                case LoaiHoTich.KT:
                    deaths.Add(Death(entry, office, number, book, page));
                    break;
                default:
                    marriages.Add(Marriage(entry, office, number, book, page));
                    break;
            }
        }

        return (births, deaths, marriages);
    }

    private KhaiSinh Birth(Pending entry, string office, int number, string book, int page)
    {
        var child = entry.Person;
        var mother = child.Mother!;
        var father = child.Father;
        var place = BirthPlace(child);
        var requester = father is not null && (mother.DeathDate is { } d && d <= entry.Date || rng.Percent(60)) ? father : mother;
        var certificateDate = child.BirthDate.AddDays(rng.Between(0, 3));
        return new KhaiSinh(
            entry.Office.Code, office, number, book, page, entry.Date, BirthResultCode,
            Person(child),
            place,
            DiaChi.Of(child.HometownWard),
            Person(mother),
            father is null ? null : Person(father),
            new NguoiYeuCau(requester.Name, requester == father ? "Cha" : "Mẹ", requester.OldId ?? requester.PersonalId),
            string.Create(CultureInfo.InvariantCulture, $"{rng.Between(1, 9999):D4}/{child.BirthDate.Year}"),
            certificateDate,
            place);
    }

    private KhaiTu Death(Pending entry, string office, int number, string book, int page)
    {
        var deceased = entry.Person;
        var died = deceased.DeathDate!.Value;
        var atHospital = rng.Percent(55);
        var hospital = $"Bệnh viện Đa khoa {deceased.HomeWard.Former.Name}";
        var place = atHospital ? hospital : $"Tại nhà, {CitizenRecords.PermanentAddress(deceased).DayDu}";
        var cause = deceased.AgeOn(died) >= 80 && rng.Percent(40) ? "Bệnh già" : CausesOfDeath.Pick(rng);
        var requester = deceased.Spouse is { IsAlive: true } spouse ? (spouse, spouse.Gender == GioiTinh.Nam ? "Chồng" : "Vợ")
            : deceased.Children.FirstOrDefault(c => c.IsAlive && c.AgeOn(died) >= 18) is { } child ? (child, "Con")
            : (deceased.Spouse ?? deceased, "Người thân");
        var noticeNumber = rng.Between(1, 9999);
        return new KhaiTu(
            entry.Office.Code, office, number, book, page, entry.Date, DeathResultCode,
            Person(deceased),
            died,
            place,
            cause,
            new NguoiYeuCau(requester.Item1.Name, requester.Item2, requester.Item1.OldId ?? requester.Item1.PersonalId),
            string.Create(CultureInfo.InvariantCulture, $"GBT.{entry.Office.Code}.{died.Year}.{noticeNumber:D4}"),
            atHospital ? "Giấy báo tử" : "Văn bản xác nhận việc chết",
            string.Create(CultureInfo.InvariantCulture, $"{noticeNumber}/GBT"),
            died.AddDays(rng.Between(0, 1)),
            atHospital ? hospital : $"Công an {deceased.HomeWard.Name}");
    }

    private static KetHon Marriage(Pending entry, string office, int number, string book, int page)
    {
        var wife = entry.Person;
        var husband = wife.Spouse!;
        return new KetHon(entry.Office.Code, office, number, book, page, entry.Date, null, Person(husband), Person(wife));
    }

    /// <summary>Maternity hospitals of the big cities, provincial hospitals, and commune health stations for many older births.</summary>
    private string BirthPlace(PersonDraft child)
    {
        var ward = child.BirthWard;
        if (child.BirthDate.Year < 2000 && !ward.IsUrban && rng.Percent(50))
        {
            return $"Trạm Y tế {ward.Name}";
        }

        return ward.Former.Code switch
        {
            "01" => rng.Percent(50) ? "Bệnh viện Phụ sản Hà Nội" : "Bệnh viện Phụ sản Trung ương",
            "79" => rng.Percent(50) ? "Bệnh viện Từ Dũ" : "Bệnh viện Hùng Vương",
            _ => $"Bệnh viện Đa khoa {ward.Former.Name}",
        };
    }

    private static NguoiHoTich Person(PersonDraft p) =>
        new(p.Name, p.Gender, p.BirthDate, p.Ethnicity.Value, "VN", CitizenRecords.PermanentAddress(p), p.PersonalId);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private sealed record Pending(LoaiHoTich Kind, Ward Office, DateOnly Date, int Index, PersonDraft Person);
}
