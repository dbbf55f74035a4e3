using Lgsp.Core.Codes;
using Lgsp.Core.StatusSync;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>
/// DVCQG takes a dossier under its own code only when the code's first segment carries the province code
/// (<see cref="NationalPortalOptions.ProvinceCode"/>, TD-DVC's <c>MaDinhDanhTinh</c> check in
/// <c>SyncLocalDataToDVCQGService.GetMaHoSo</c>); any other dossier needs a <c>MaHoSoKhac</c> of a unit that carries
/// it: the receiving agency when it does, else <see cref="NationalPortalOptions.AliasAgencyCode"/>. The hub draws the
/// number from its database and stores the alias (TD-DVC draws a random one and stores it as <c>MaHoSoKhac</c>).
/// </summary>
internal sealed class DvcqgAliasPolicy(IOptionsMonitor<NationalPortalOptions> options) : IDossierAliasPolicy
{
    public AgencyCode? AliasUnitFor(DossierCode code, AgencyCode receivingAgency)
    {
        var o = options.Get(NationalPortalSource.Name);
        if (CarriesProvince(code.Value.Split('-')[0], o.ProvinceCode))
        {
            return null;
        }

        return CarriesProvince(receivingAgency.ShortForm, o.ProvinceCode) ? receivingAgency : o.AliasAgency;
    }

    public static bool CarriesProvince(string segment, string provinceCode) => segment.Contains(provinceCode, StringComparison.OrdinalIgnoreCase);
}
