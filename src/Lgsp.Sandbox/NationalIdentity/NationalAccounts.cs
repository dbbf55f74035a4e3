using Lgsp.Sandbox.Data;
using Lgsp.Sandbox.Data.Generation;
using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.NationalIdentity;

/// <summary>
/// The stand-in provider's user store: one account per living citizen aged 14 or more (VNeID issues accounts
/// from 14; younger children are managed from a parent's account) and one per enterprise head office that is
/// not dissolved. Everything an account has beyond its world record (subject, <c>TechID</c>, level, e-mail,
/// phone) is drawn from its own stream of the seed, so the same seed gives the same accounts on every start.
/// </summary>
internal sealed class NationalAccounts
{
    /// <summary>VNeID accounts start at this age.</summary>
    public const int MinimumAge = 14;

    // Vietnamese mobile prefixes (Viettel, VinaPhone, MobiFone, Vietnamobile); the rest of the number is random.
    private static readonly string[] MobilePrefixes =
    [
        "032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079",
        "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "093", "094", "096", "097", "098",
    ];

    private readonly Dictionary<string, NationalAccount> _byLogin;
    private readonly Dictionary<string, NationalAccount> _bySubject;

    public NationalAccounts(SyntheticWorld world)
    {
        var seed = world.Spec.Seed;
        var asOf = world.Spec.AsOf;
        var accounts = new List<NationalAccount>();
        foreach (var citizen in world.Citizens)
        {
            var birth = citizen.NgayThangNamSinh.NgayThangNam ?? new DateOnly(citizen.NgayThangNamSinh.Nam, 1, 1);
            if (!citizen.DaChet && Ages.On(birth, asOf) >= MinimumAge)
            {
                accounts.Add(Create(seed, AccountKind.Citizen, citizen.SoDinhDanh, citizen, null,
                    world.FindInsuranceOf(citizen.SoDinhDanh)?.Masobhxh));
            }
        }

        foreach (var enterprise in world.Enterprises)
        {
            var main = enterprise.MainInformation;
            if (!enterprise.IsBranch && !main.EnterpriseStatusName.StartsWith("Đã giải thể", StringComparison.Ordinal)
                && enterprise.Representatives.Count > 0 && world.FindCitizen(enterprise.Representatives[0].PersonalId) is { DaChet: false } representative)
            {
                accounts.Add(Create(seed, AccountKind.Business, main.EnterpriseGdtCode, representative, enterprise, null));
            }
        }

        All = accounts;
        _byLogin = accounts.ToDictionary(a => a.LoginId, StringComparer.Ordinal);
        _bySubject = accounts.ToDictionary(a => a.Subject, StringComparer.Ordinal);
    }

    /// <summary>Citizens first (in the world's order), then businesses.</summary>
    public IReadOnlyList<NationalAccount> All { get; }

    /// <summary>By what a person types on the login page: the 12-digit personal id or the 10-digit enterprise code.</summary>
    public NationalAccount? FindByLogin(string loginId) => _byLogin.GetValueOrDefault(loginId);

    public NationalAccount? FindBySubject(string subject) => _bySubject.GetValueOrDefault(subject);

    private static NationalAccount Create(ulong seed, AccountKind kind, string loginId, CongDan person, DoanhNghiep? enterprise, string? bhxh)
    {
        // The stream is keyed by the account type and login, never by list position: adding citizens to the world
        // leaves every existing account's TechID as it was.
        var rng = DeterministicRandom.ForStream(seed, $"national-identity/{(int)kind}/{loginId}");
        var subject = Uuid(rng);
        var techId = Uuid(rng);

        // Businesses sign in through their representative's level-2 identity (or a digital signature), so they are
        // always level 2; about three citizens in four have a level-2 VNeID account.
        var level = kind == AccountKind.Business || rng.Percent(75) ? AssuranceLevel.LoA2 : AssuranceLevel.LoA1;
        var phone = rng.Pick(MobilePrefixes) + rng.Digits(7);
        var email = kind == AccountKind.Business
            ? $"lienhe.{loginId}@example.com"
            : $"{EmailLocalPart(person.HoVaTen)}{rng.Digits(2)}@example.com";
        return new NationalAccount(kind, loginId, subject, techId, level, email, phone, person, enterprise, bhxh);
    }

    /// <summary>A version-4-shaped UUID from the stream (lower case, as WSO2 prints its user ids).</summary>
    private static string Uuid(DeterministicRandom rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, rng.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], rng.NextUInt64());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    /// <summary><c>thuyduong.nguyen</c> for Nguyễn Thị Thùy Dương: given name(s) then family name, no diacritics.</summary>
    private static string EmailLocalPart(HoVaTen name)
    {
        var words = name.KhongDau.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsAsciiLetterOrDigit)]))
            .Where(w => w.Length > 0)
            .ToArray();
        return words.Length switch
        {
            0 => "congdan",
            1 => words[0],
            _ => string.Concat(words[^1], ".", words[0]),
        };
    }
}
