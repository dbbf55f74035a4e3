using Lgsp.Sandbox.Data.Generation;

namespace Lgsp.Sandbox.NationalIdentity;

/// <summary>
/// The national login as <c>/_sandbox/demo</c> shows it: where it is, the one password, the client the hub is
/// registered as (the secret is never shown), and a few accounts, each with what it is good for.
/// </summary>
internal sealed record NationalIdentityDemo(
    string Issuer,
    string Discovery,
    string LoginPage,
    string Password,
    string ClientId,
    IReadOnlyList<DemoAccount> Accounts)
{
    public static NationalIdentityDemo From(NationalAccounts accounts, NationalIdentityOptions options, string origin, DateOnly asOf)
    {
        var picked = new List<DemoAccount>();
        void Add(Func<NationalAccount, bool> predicate, string why)
        {
            if (accounts.All.FirstOrDefault(a => predicate(a) && picked.TrueForAll(p => p.Login != a.LoginId)) is { } account)
            {
                picked.Add(new DemoAccount(account.LoginId, account.Kind == AccountKind.Citizen ? "Công dân (LoaiTaiKhoan 1)" : "Doanh nghiệp (LoaiTaiKhoan 2)",
                    account.DisplayName, AssuranceLevels.Name(account.Level), account.TechId, why));
            }
        }

        Add(a => a.Kind == AccountKind.Citizen && a.Level == AssuranceLevel.LoA2 && a.SocialInsuranceCode is not null,
            "Citizen, VNeID level 2, has a BHXH code (MaBHXH in userinfo).");
        Add(a => a.Kind == AccountKind.Citizen && a.Level == AssuranceLevel.LoA2 && a.SocialInsuranceCode is null, "Citizen, VNeID level 2, no BHXH code.");
        Add(a => a.Kind == AccountKind.Citizen && a.Level == AssuranceLevel.LoA1, "Citizen, level 1 only: refused when the service asks for acr_values=LoA2.");
        Add(a => a.Kind == AccountKind.Citizen && a.Person.NgayThangNamSinh.NgayThangNam is null, "Citizen with only the year of birth (NgayThangNamSinh is yyyy).");
        Add(a => a.Kind == AccountKind.Citizen && Ages.On(a.Person.NgayThangNamSinh.NgayThangNam ?? asOf, asOf) < 18,
            "Citizen aged 14–17: has an account of their own.");
        Add(a => a.Kind == AccountKind.Business && a.Enterprise!.MainInformation.EnterpriseStatusName == BusinessGenerator.Active,
            "Active enterprise; SoDinhDanh/HoVaTen are its legal representative's.");
        Add(a => a.Kind == AccountKind.Business && a.Enterprise!.MainInformation.EnterpriseStatusName != BusinessGenerator.Active,
            "Enterprise that is not active (suspended or winding up) but can still sign in.");

        var issuer = origin.TrimEnd('/') + NationalIdentityOptions.PathBase + "/";
        return new NationalIdentityDemo(issuer, issuer + ".well-known/openid-configuration", origin.TrimEnd('/') + NationalIdentityPaths.Login,
            options.DemoPassword, options.ClientId, picked);
    }
}

internal sealed record DemoAccount(string Login, string Type, string Name, string Level, string TechId, string Why);
