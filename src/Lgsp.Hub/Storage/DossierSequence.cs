namespace Lgsp.Hub.Storage;

/// <summary>
/// The per-agency, per-day counter behind dossier codes (Thông tư 01/2018/TT-VPCP Điều 19).
/// It lives in the database so several hub instances never hand out the same number.
/// </summary>
internal sealed class DossierSequence
{
    public required string AgencyCode { get; init; }

    public DateOnly Day { get; init; }

    public int LastValue { get; set; }
}
