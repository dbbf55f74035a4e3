using Lgsp.Core.Dossiers;

namespace Lgsp.Hub.StatusSync.NationalPull;

/// <summary>
/// The liên thông status codes (<c>trangThai</c>) as the public .NET sender uses them: 1 received from DVCLT, 2 more
/// documents requested, 3 accepted by the one-stop system, 4 result, 5 result handed over, 6 refused, 7 sent to the
/// ministry's registry. Which DVCQG status each answers is inferred from those meanings (the public code sets them
/// from its own workflow, not from DVCQG codes); statuses without a counterpart (4 processing, 6, 7) are not sent.
/// </summary>
internal static class LinkedStatuses
{
    public const int Received = 1;

    public static int? For(DossierStatus status) => status switch
    {
        DossierStatus.Accepted => 3,
        DossierStatus.SupplementRequested => 2,
        DossierStatus.Refused or DossierStatus.Stopped => 6,
        DossierStatus.Resolved => 4,
        DossierStatus.ResultReturned => 5,
        _ => null,
    };
}
