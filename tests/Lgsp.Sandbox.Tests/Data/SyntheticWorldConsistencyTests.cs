using System.Globalization;
using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.Tests.Data;

/// <summary>One world: every upstream talks about the same citizens, and their lives add up.</summary>
public sealed class SyntheticWorldConsistencyTests
{
    private static DateOnly Birth(CongDan c) => c.NgayThangNamSinh.NgayThangNam ?? new DateOnly(c.NgayThangNamSinh.Nam, 7, 1);

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void Relatives_AreCitizens_WithTheNameTheRecordShows(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Citizens, c =>
        {
            foreach (var relative in new[] { c.Cha, c.Me, c.VoChong, c.NguoiDaiDien })
            {
                if (relative is not null)
                {
                    Assert.Equal(world.Citizen(relative.SoDinhDanh).HoVaTen, relative.HoVaTen);
                }
            }
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void Parents_AreOlderByAtLeastFifteenYears_AndOfTheRightGender(string name)
    {
        var world = TestWorlds.Get(name);

        var withParents = world.Citizens.Where(c => c.Cha is not null || c.Me is not null).ToList();

        Assert.True(withParents.Count > world.Citizens.Count / 4, $"only {withParents.Count} citizens have parents in the world");
        Assert.All(withParents, c =>
        {
            if (c.Cha is not null)
            {
                var father = world.Citizen(c.Cha.SoDinhDanh);
                Assert.Equal(GioiTinh.Nam, father.GioiTinh);
                Assert.True(Birth(father).AddYears(15) <= Birth(c));
            }

            if (c.Me is not null)
            {
                var mother = world.Citizen(c.Me.SoDinhDanh);
                Assert.Equal(GioiTinh.Nu, mother.GioiTinh);
                Assert.True(Birth(mother).AddYears(18) <= Birth(c));
            }
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void Spouses_AreMarriedToEachOther_WithAMatchingStatusAndOneMarriageRecord(string name)
    {
        var world = TestWorlds.Get(name);

        var married = world.Citizens.Where(c => c.VoChong is not null).ToList();

        Assert.NotEmpty(married);
        Assert.All(married, c =>
        {
            var spouse = world.Citizen(c.VoChong!.SoDinhDanh);
            Assert.Equal(c.SoDinhDanh, spouse.VoChong?.SoDinhDanh);
            Assert.NotEqual(c.GioiTinh, spouse.GioiTinh);
            var expected = !c.DaChet && spouse.DaChet ? TinhTrangHonNhan.Goa : TinhTrangHonNhan.DaKetHon;
            Assert.Equal(expected, c.TinhTrangHonNhan);

            var records = world.FindCivilRegistrationsOf(c.SoDinhDanh).OfType<KetHon>().ToList();
            var record = Assert.Single(records);
            Assert.Contains(spouse.SoDinhDanh, record.SubjectIds);
        });
        Assert.All(world.Citizens.Where(c => c.VoChong is null), c => Assert.Equal(TinhTrangHonNhan.ChuaKetHon, c.TinhTrangHonNhan));
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void Marriages_AreAtLegalAges_AndBeforeTheChildren(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Marriages, m =>
        {
            Assert.Equal(GioiTinh.Nam, m.Chong.GioiTinh);
            Assert.Equal(GioiTinh.Nu, m.Vo.GioiTinh);
            Assert.True(m.Chong.NgaySinh.AddYears(20) <= m.NgayDangKy, "husband under 20");
            Assert.True(m.Vo.NgaySinh.AddYears(18) <= m.NgayDangKy, "wife under 18");
        });
        Assert.All(world.Births.Where(b => b.Cha is not null), b =>
        {
            var marriage = world.FindCivilRegistrationsOf(b.Me.SoDinhDanh).OfType<KetHon>().Single();
            Assert.True(marriage.NgayDangKy < b.Nks.NgaySinh);
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void Deceased_HaveExactlyOneDeathRecord_AndNoHousehold(string name)
    {
        var world = TestWorlds.Get(name);

        var deceased = world.Citizens.Where(c => c.DaChet).ToList();

        Assert.NotEmpty(deceased);
        Assert.Equal(deceased.Count, world.Deaths.Count);
        Assert.All(deceased, c =>
        {
            var record = Assert.Single(world.FindCivilRegistrationsOf(c.SoDinhDanh).OfType<KhaiTu>());
            Assert.Equal(c.NgayChet, record.NktNgayChet);
            Assert.True(record.NktNgayChet > Birth(c));
            Assert.Null(c.ChuHo);
            Assert.Null(world.FindHouseholdOf(c.SoDinhDanh));
        });
        Assert.All(world.Deaths, d => Assert.True(world.Citizen(d.Nkt.SoDinhDanh).DaChet));
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void Births_OfCitizensWithAMother_AreRegisteredWhereTheRecordSays(string name)
    {
        var world = TestWorlds.Get(name);

        var children = world.Citizens.Where(c => c.Me is not null).ToList();

        Assert.Equal(children.Count, world.Births.Count);
        Assert.All(children, c =>
        {
            var record = Assert.Single(world.FindCivilRegistrationsOf(c.SoDinhDanh).OfType<KhaiSinh>());
            Assert.Equal(c.NoiDangKyKhaiSinh.MaPhuongXa, record.MaDonVi);
            Assert.Equal(c.Me!.SoDinhDanh, record.Me.SoDinhDanh);
            Assert.Equal(c.Cha?.SoDinhDanh, record.Cha?.SoDinhDanh);
            Assert.Equal(c.HoVaTen, record.Nks.HoTen);
            Assert.InRange(record.NgayDangKy.DayNumber - record.Nks.NgaySinh.DayNumber, 0, 60);
        });
        Assert.Contains(world.Births, b => b.Cha is null);
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void CivilRegistry_NumbersRunFromOneEachYear_InDateOrder_WithinTheDeadlines(string name)
    {
        var world = TestWorlds.Get(name);

        var sequences = world.CivilRegistrations.GroupBy(r => (r.Loai, r.MaDonVi, r.NgayDangKy.Year));
        Assert.All(sequences, sequence =>
        {
            var ordered = sequence.OrderBy(r => r.SoDangKy).ToList();
            Assert.Equal(Enumerable.Range(1, ordered.Count), ordered.Select(r => r.SoDangKy));
            Assert.Equal(ordered.Select(r => r.NgayDangKy).Order(), ordered.Select(r => r.NgayDangKy));
            Assert.All(ordered, r =>
            {
                Assert.Equal(((r.SoDangKy - 1) / 200) + 1, int.Parse(r.QuyenSo[..2], CultureInfo.InvariantCulture));
                Assert.EndsWith("/" + r.NgayDangKy.Year.ToString(CultureInfo.InvariantCulture), r.QuyenSo, StringComparison.Ordinal);
            });
        });
        Assert.All(world.Deaths, d => Assert.InRange(d.NgayDangKy.DayNumber - d.NktNgayChet.DayNumber, 0, 15));
        Assert.All(world.CivilRegistrations, r => Assert.True(r.NgayDangKy <= world.Spec.AsOf));
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void Households_HaveALivingHeadFirst_AndEveryLivingCitizenBelongsToOne(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Households, h =>
        {
            var head = world.Citizen(h.ChuHoSoDinhDanh);
            Assert.False(head.DaChet);
            Assert.Equal(h.ChuHoSoDinhDanh, h.ThanhVien[0].SoDinhDanh);
            Assert.Equal("Chủ hộ", h.ThanhVien[0].QuanHeVoiChuHo);
            Assert.All(h.ThanhVien, m =>
            {
                var member = world.Citizen(m.SoDinhDanh);
                Assert.Equal(h.ChuHoSoDinhDanh, member.ChuHo?.SoDinhDanh);
                Assert.Equal(m.QuanHeVoiChuHo, member.ChuHo?.QuanHe);
                Assert.Equal(h.SoSoHoKhau, member.SoSoHoKhau);
                Assert.Equal(h.DiaChi, member.ThuongTru);
            });
        });
        Assert.All(world.Citizens.Where(c => !c.DaChet), c => Assert.NotNull(world.FindHouseholdOf(c.SoDinhDanh)));
        Assert.Equal(world.Citizens.Count(c => !c.DaChet), world.Households.Sum(h => h.ThanhVien.Count));
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void Households_SpouseAndChildRelations_AgreeWithTheFamily(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Households, h =>
        {
            var head = world.Citizen(h.ChuHoSoDinhDanh);
            foreach (var member in h.ThanhVien.Skip(1))
            {
                var person = world.Citizen(member.SoDinhDanh);
                switch (member.QuanHeVoiChuHo)
                {
                    case "Vợ" or "Chồng":
                        Assert.Equal(head.SoDinhDanh, person.VoChong?.SoDinhDanh);
                        break;
                    case "Con":
                        Assert.Contains(head.SoDinhDanh, new[] { person.Cha?.SoDinhDanh, person.Me?.SoDinhDanh });
                        break;
                    default:
                        Assert.Contains(person.SoDinhDanh, new[] { head.Cha?.SoDinhDanh, head.Me?.SoDinhDanh });
                        break;
                }
            }
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void LandOwners_AreLivingAdultCitizens_CoOwnersAreSpouses(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Parcels, p =>
        {
            Assert.InRange(p.ChuSuDung.Count, 1, 2);
            foreach (var owner in p.ChuSuDung)
            {
                var citizen = world.Citizen(owner.SoDinhDanh);
                Assert.False(citizen.DaChet);
                Assert.Equal(citizen.HoVaTen.DayDu, owner.HoTen);
                Assert.Equal(citizen.NgayThangNamSinh.Nam, owner.NamSinh);
                Assert.True(Birth(citizen).AddYears(18) <= world.Spec.AsOf, "owner under 18");
            }

            if (p.ChuSuDung.Count == 2)
            {
                Assert.Equal(p.ChuSuDung[1].SoDinhDanh, world.Citizen(p.ChuSuDung[0].SoDinhDanh).VoChong?.SoDinhDanh);
            }

            Assert.True(p.DienTich > 0);
            Assert.True(p.GiayChungNhan is null || p.GiayChungNhan.NgayCap <= world.Spec.AsOf);
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void EnterpriseRepresentatives_AreLivingAdultCitizens(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Enterprises, e =>
        {
            Assert.NotEmpty(e.Representatives);
            Assert.All(e.Representatives, r =>
            {
                var citizen = world.Citizen(r.PersonalId);
                Assert.False(citizen.DaChet);
                Assert.Equal(citizen.HoVaTen.DayDu, r.FullName);
                Assert.True(r.BirthDate.AddYears(18) <= e.MainInformation.FoundingDate || r.BirthDate.AddYears(25) <= world.Spec.AsOf);
            });
            Assert.True(e.MainInformation.FoundingDate <= world.Spec.AsOf);
            if (e.ParentCode is { } parent)
            {
                Assert.True(world.FindEnterprise(parent)!.MainInformation.FoundingDate <= e.MainInformation.FoundingDate);
            }
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void InsuranceParticipants_AreWorkingAgeCitizens_WithOrderedPeriodsAtKnownUnits(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.NotEmpty(world.InsuranceParticipants);
        Assert.All(world.InsuranceParticipants, p =>
        {
            var citizen = world.Citizen(p.SoDinhDanh);
            Assert.False(citizen.DaChet);
            Assert.Equal(citizen.HoVaTen.DayDu, p.Hoten);
            Assert.Equal(Birth(citizen), p.NgaySinh);
            Assert.InRange(world.Spec.AsOf.Year - p.NgaySinh.Year, 18, 62);
            Assert.NotEmpty(p.QuaTrinh);

            var previousEnd = DateOnly.MinValue;
            for (var i = 0; i < p.QuaTrinh.Count; i++)
            {
                var period = p.QuaTrinh[i];
                var from = Month(period.TuThang);
                var to = period.DenThang is null ? (DateOnly?)null : Month(period.DenThang);
                Assert.True(from > previousEnd, "periods overlap");
                Assert.True(from >= p.NgaySinh.AddYears(17), "worked before 18");
                Assert.True(to is null || to >= from);
                Assert.True((to ?? from) < world.Spec.AsOf);
                Assert.True(to is not null || i == p.QuaTrinh.Count - 1, "only the last period can be open");
                Assert.NotNull(world.FindInsuranceUnit(period.MaDonVi));
                Assert.True(period.TienLuong >= 300_000);
                previousEnd = to ?? DateOnly.MaxValue;
            }
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void ActiveEnterpriseRepresentativesOfWorkingAge_ContributeNowAtOneOfTheirEnterprises(string name)
    {
        var world = TestWorlds.Get(name);

        var unitTaxCodes = world.InsuranceUnits.Where(u => u.MaSoThue is not null).ToDictionary(u => u.MaDonVi, u => u.MaSoThue!, StringComparer.Ordinal);
        var roles = world.Enterprises
            .Where(e => !e.IsBranch && e.MainInformation.EnterpriseStatusName == "Đang hoạt động")
            .SelectMany(e => e.Representatives.Select(r => (r.PersonalId, Code: e.MainInformation.EnterpriseGdtCode, r.Position, r.BirthDate)))
            .GroupBy(r => r.PersonalId, StringComparer.Ordinal)
            .ToList();
        var workingAge = roles.Where(g =>
        {
            var citizen = world.Citizen(g.Key);
            var age = Lgsp.Sandbox.Data.Generation.Ages.On(g.First().BirthDate, world.Spec.AsOf);
            return age >= 18 && age <= (citizen.GioiTinh == GioiTinh.Nam ? 61 : 56);
        }).ToList();

        Assert.NotEmpty(workingAge);
        Assert.All(workingAge, g =>
        {
            var participant = world.FindInsuranceOf(g.Key);
            Assert.NotNull(participant);
            var current = participant.QuaTrinh[^1];
            Assert.Null(current.DenThang);
            Assert.Contains(g, r => r.Code == unitTaxCodes[current.MaDonVi] && r.Position == current.ChucVu);
        });
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void BloodGroups_OfChildren_AreCompatibleWithBothParents(string name)
    {
        var world = TestWorlds.Get(name);

        static string[] Alleles(string group) => group switch
        {
            "O" => ["O"],
            "A" => ["A", "O"],
            "B" => ["B", "O"],
            _ => ["A", "B"],
        };

        static bool Possible(string child, string father, string mother) =>
            Alleles(father).Any(f => Alleles(mother).Any(m => Group(f, m) == child));

        static string Group(string a, string b) => (a, b) switch
        {
            ("O", "O") => "O",
            ("A", "B") or ("B", "A") => "AB",
            ("A", _) or (_, "A") => "A",
            _ => "B",
        };

        var checkedCount = 0;
        foreach (var c in world.Citizens.Where(c => c.NhomMau is not null && c.Cha is not null && c.Me is not null))
        {
            var father = world.Citizen(c.Cha!.SoDinhDanh).NhomMau;
            var mother = world.Citizen(c.Me!.SoDinhDanh).NhomMau;
            if (father is not null && mother is not null)
            {
                Assert.True(Possible(c.NhomMau!, father, mother), $"{c.NhomMau} child of {father} and {mother}");
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 100);
    }

    [Theory]
    [MemberData(nameof(TestWorlds.All), MemberType = typeof(TestWorlds))]
    public void Dates_NothingHappensAfterTheWorldsDay(string name)
    {
        var world = TestWorlds.Get(name);

        Assert.All(world.Citizens, c =>
        {
            Assert.True(Birth(c) <= world.Spec.AsOf);
            Assert.True(c.NgayChet is null || c.NgayChet <= world.Spec.AsOf);
        });
    }

    private static DateOnly Month(string text) => DateOnly.ParseExact("01/" + text, "dd/MM/yyyy", CultureInfo.InvariantCulture);
}
