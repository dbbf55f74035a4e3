using Lgsp.Sandbox.Data.Generation;
using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.Data;

/// <summary>
/// One consistent synthetic world that every stand-in upstream serves a view of: the population database,
/// the business registry, the land database, social insurance and the civil registry all describe the same
/// citizens. Immutable once built; lookups are by the keys each upstream is queried with.
/// </summary>
internal sealed class SyntheticWorld
{
    private readonly Dictionary<string, CongDan> _citizens;
    private readonly Dictionary<string, HoGiaDinh> _households;
    private readonly Dictionary<string, HoGiaDinh> _householdOfMember;
    private readonly Dictionary<string, DoanhNghiep> _enterprises;
    private readonly Dictionary<string, NguoiThamGiaBhxh> _insuranceByCode;
    private readonly Dictionary<string, NguoiThamGiaBhxh> _insuranceByPersonalId;
    private readonly Dictionary<string, DonViBhxh> _insuranceUnits;
    private readonly Dictionary<(string Ward, int Sheet, int Parcel), ThuaDat> _parcels;
    private readonly Dictionary<string, ThuaDat> _parcelsByCertificate;
    private readonly Dictionary<string, ThuaDat[]> _parcelsByOwner;
    private readonly Dictionary<SoHoTich, HoTich> _civilRegistry;
    private readonly Dictionary<string, HoTich[]> _civilRegistryBySubject;
    private readonly Dictionary<string, DoanhNghiep[]> _branches;

    internal SyntheticWorld(
        WorldSpec spec,
        IReadOnlyList<CongDan> citizens,
        IReadOnlyList<HoGiaDinh> households,
        IReadOnlyList<DoanhNghiep> enterprises,
        IReadOnlyList<ThuaDat> parcels,
        IReadOnlyList<DonViBhxh> insuranceUnits,
        IReadOnlyList<NguoiThamGiaBhxh> insuranceParticipants,
        IReadOnlyList<KhaiSinh> births,
        IReadOnlyList<KhaiTu> deaths,
        IReadOnlyList<KetHon> marriages)
    {
        Spec = spec;
        Citizens = citizens;
        Households = households;
        Enterprises = enterprises;
        Parcels = parcels;
        InsuranceUnits = insuranceUnits;
        InsuranceParticipants = insuranceParticipants;
        Births = births;
        Deaths = deaths;
        Marriages = marriages;
        CivilRegistrations = [.. births, .. deaths, .. marriages];

        // Indexes only answer lookups (plain dictionaries: never written after this, so concurrent reads are safe, and
        // they build several times faster than frozen ones). Lists keep the generation order, as do lookup results.
        _citizens = citizens.ToDictionary(c => c.SoDinhDanh, StringComparer.Ordinal);
        _households = households.ToDictionary(h => h.SoSoHoKhau, StringComparer.Ordinal);
        _householdOfMember = households.SelectMany(h => h.ThanhVien.Select(m => (m.SoDinhDanh, h)))
            .ToDictionary(x => x.SoDinhDanh, x => x.h, StringComparer.Ordinal);
        _enterprises = enterprises.ToDictionary(e => e.MainInformation.EnterpriseGdtCode, StringComparer.Ordinal);
        _branches = enterprises.Where(e => e.IsBranch).GroupBy(e => e.ParentCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _insuranceByCode = insuranceParticipants.ToDictionary(p => p.Masobhxh, StringComparer.Ordinal);
        _insuranceByPersonalId = insuranceParticipants.ToDictionary(p => p.SoDinhDanh, StringComparer.Ordinal);
        _insuranceUnits = insuranceUnits.ToDictionary(u => u.MaDonVi, StringComparer.Ordinal);
        _parcels = parcels.ToDictionary(p => (p.MaXa, p.SoHieuBanDo, p.SoThuTuThua));
        _parcelsByCertificate = parcels.Where(p => p.GiayChungNhan is not null)
            .ToDictionary(p => p.GiayChungNhan!.SoPhatHanh, StringComparer.Ordinal);
        _parcelsByOwner = parcels.SelectMany(p => p.ChuSuDung.Select(o => (o.SoDinhDanh, p)))
            .GroupBy(x => x.SoDinhDanh, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.p).ToArray(), StringComparer.Ordinal);
        _civilRegistry = CivilRegistrations.ToDictionary(r => r.So);
        _civilRegistryBySubject = CivilRegistrations.SelectMany(r => r.SubjectIds.Select(id => (id, r)))
            .GroupBy(x => x.id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.r).ToArray(), StringComparer.Ordinal);
    }

    public WorldSpec Spec { get; }

    /// <summary>Population database: living and deceased citizens, in generation order.</summary>
    public IReadOnlyList<CongDan> Citizens { get; }

    public IReadOnlyList<HoGiaDinh> Households { get; }

    /// <summary>Business registry: enterprises followed by their branches (<c>-001</c>…).</summary>
    public IReadOnlyList<DoanhNghiep> Enterprises { get; }

    public IReadOnlyList<ThuaDat> Parcels { get; }

    public IReadOnlyList<DonViBhxh> InsuranceUnits { get; }

    public IReadOnlyList<NguoiThamGiaBhxh> InsuranceParticipants { get; }

    public IReadOnlyList<KhaiSinh> Births { get; }

    public IReadOnlyList<KhaiTu> Deaths { get; }

    public IReadOnlyList<KetHon> Marriages { get; }

    /// <summary>Births, then deaths, then marriages.</summary>
    public IReadOnlyList<HoTich> CivilRegistrations { get; }

    public static SyntheticWorld Generate(WorldSpec spec) => WorldGenerator.Generate(spec);

    public CongDan? FindCitizen(string soDinhDanh) => _citizens.GetValueOrDefault(soDinhDanh);

    public HoGiaDinh? FindHousehold(string soSoHoKhau) => _households.GetValueOrDefault(soSoHoKhau);

    /// <summary>The household a living citizen belongs to (deceased citizens belong to none).</summary>
    public HoGiaDinh? FindHouseholdOf(string soDinhDanh) => _householdOfMember.GetValueOrDefault(soDinhDanh);

    /// <summary>By <c>ENTERPRISE_GDT_CODE</c>: 10 digits for an enterprise, <c>0101234567-001</c> for a branch.</summary>
    public DoanhNghiep? FindEnterprise(string code) => _enterprises.GetValueOrDefault(code);

    public IReadOnlyList<DoanhNghiep> FindBranches(string enterpriseCode) => _branches.GetValueOrDefault(enterpriseCode) ?? [];

    public NguoiThamGiaBhxh? FindInsurance(string masobhxh) => _insuranceByCode.GetValueOrDefault(masobhxh);

    public NguoiThamGiaBhxh? FindInsuranceOf(string soDinhDanh) => _insuranceByPersonalId.GetValueOrDefault(soDinhDanh);

    public DonViBhxh? FindInsuranceUnit(string maDonVi) => _insuranceUnits.GetValueOrDefault(maDonVi);

    /// <summary>By ward code, map sheet (<c>SoHieuBanDo</c>) and parcel number (<c>SoThuTuThua</c>).</summary>
    public ThuaDat? FindParcel(string maXa, int soHieuBanDo, int soThuTuThua) => _parcels.GetValueOrDefault((maXa, soHieuBanDo, soThuTuThua));

    /// <summary>By certificate serial (<c>CS 123456</c>).</summary>
    public ThuaDat? FindParcelByCertificate(string soPhatHanh) => _parcelsByCertificate.GetValueOrDefault(soPhatHanh);

    public IReadOnlyList<ThuaDat> FindParcelsOf(string soDinhDanh) => _parcelsByOwner.GetValueOrDefault(soDinhDanh) ?? [];

    /// <summary>By kind, office (ward code), book (<c>quyenSo</c>) and number (<c>soDangKy</c>).</summary>
    public HoTich? FindCivilRegistration(SoHoTich so) => _civilRegistry.GetValueOrDefault(so);

    /// <summary>Entries about a person (as child, deceased or spouse), births first.</summary>
    public IReadOnlyList<HoTich> FindCivilRegistrationsOf(string soDinhDanh) => _civilRegistryBySubject.GetValueOrDefault(soDinhDanh) ?? [];
}
