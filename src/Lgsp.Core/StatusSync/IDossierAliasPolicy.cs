using Lgsp.Core.Codes;

namespace Lgsp.Core.StatusSync;

/// <summary>
/// Whether a destination needs a <c>MaHoSoKhac</c> alias for a dossier, and under which unit. Implemented by the
/// destination's adapter (DVCQG accepts only codes whose first segment carries the province code); the hub draws the
/// alias once, when it first stores the dossier, from a per-unit, per-day sequence in its database, stores it on the
/// dossier (<see cref="Dossiers.Dossier.CodeAlias"/>) and every later event carries it. Aliases are
/// <c>&lt;unit&gt;-yyMMdd-&lt;5 digits&gt;</c> (<see cref="DossierCode.CreateAlias"/>).
/// </summary>
public interface IDossierAliasPolicy
{
    /// <summary>The unit whose sequence names the dossier, or null when its own code is accepted as it is.</summary>
    AgencyCode? AliasUnitFor(DossierCode code, AgencyCode receivingAgency);
}
