using System.Text.Json.Nodes;
using static Lgsp.Hub.Tests.StatusSync.StatusSyncSamples;

namespace Lgsp.Hub.Tests.Indicators;

/// <summary>
/// The hand-computed data set of the 766 tests: seven dossiers of the H56 province in 2025 whose figures for
/// 2025-Q3 (judged on 2025-09-30, the quarter being over) are worked out by hand in <see cref="Indicator766ApiTests"/>.
/// <code>
///      unit        procedure  channel  fees / paid online   digitized  status  received  due    ended  → counts as
/// D1   H56.14.03   1.001193   online   8000 / yes           yes        10      08-12     08-15  08-15  closed on time (Aug)
/// D2   H56.14.03   1.001193   direct   8000 / no            no         10      08-12     08-15  08-18  closed late (Aug)
/// D3   H56.14.05   2.000488   online   none                 yes        4       09-02     09-10  —      open, overdue on 09-30
/// D4   H56.14.05   1.001193   online   8000 / yes           no         2       09-20     10-05  —      open, on time on 09-30
/// D5   H56.20      2.000488   direct   none                 no         5       08-12     08-15  —      paused: excluded
/// D6   H56.14      1.001193   online   8000 / yes           yes        3       08-12     —      —      refused: in nothing
/// D7   H56.14      1.001193   online   8000 / yes           yes        10      06-10     06-12  06-12  June: outside Q3
/// </code>
/// </summary>
internal static class Indicator766DataSet
{
    public static JsonObject D1(string code) => Closed(Make(code, "H56.14.03", "1.001193", online: true, fee: true, paidOnline: true, digitized: true, "08-12", "08-15"), "08-15");

    public static JsonObject D2(string code) => Closed(Make(code, "H56.14.03", "1.001193", online: false, fee: true, paidOnline: false, digitized: false, "08-12", "08-15"), "08-18");

    public static JsonObject D3(string code) => Make(code, "H56.14.05", "2.000488", online: true, fee: false, paidOnline: false, digitized: true, "09-02", "09-10", status: 4);

    public static JsonObject D4(string code) => Make(code, "H56.14.05", "1.001193", online: true, fee: true, paidOnline: true, digitized: false, "09-20", "10-05", status: 2);

    /// <summary>Paused with the sample's supplement (requested 08-12, on its due day's side).</summary>
    public static JsonObject D5(string code)
    {
        var dossier = Dossier(code, 5);
        dossier["receivingAgencyCode"] = "H56.20";
        dossier["procedure"]!["nationalCode"] = "2.000488";
        dossier["procedure"]!.AsObject().Remove("localCode");
        dossier["procedure"]!["fieldCode"] = "DD";
        dossier["channel"] = 1;
        dossier["fees"] = new JsonArray();
        dossier["hasDigitizedComponents"] = false;
        return dossier;
    }

    public static JsonObject D6(string code)
    {
        var dossier = Refused(code, withReceiptDate: true);
        dossier["paidOnline"] = 1;
        return dossier;
    }

    public static JsonObject D7(string code) => Closed(Make(code, "H56.14", "1.001193", online: true, fee: true, paidOnline: true, digitized: true, "06-10", "06-12"), "06-12");

    /// <summary>D3 finished on 09-08, before its due day (09-10): closed early, i.e. on time, in September.</summary>
    public static JsonObject D3Resolved(string code)
    {
        var dossier = D3(code);
        dossier["status"] = 9;
        dossier["processingEndedAt"] = "2025-09-08T16:00:00+07:00";
        return dossier;
    }

    private static JsonObject Make(string code, string agency, string procedure, bool online, bool fee, bool paidOnline, bool digitized,
        string received, string due, int status = 10)
    {
        var dossier = Dossier(code, status);
        dossier["receivingAgencyCode"] = agency;
        dossier["procedure"]!["nationalCode"] = procedure;
        dossier["procedure"]!.AsObject().Remove("localCode");
        dossier["procedure"]!["fieldCode"] = procedure == "2.000488" ? "DD" : "HT";
        dossier["channel"] = online ? 2 : 1;
        dossier["fees"] = fee
            ? new JsonArray(new JsonObject { ["code"] = "LP1", ["name"] = "Lệ phí", ["kind"] = 1, ["collectAt"] = 1, ["amount"] = 8000, ["paid"] = true })
            : new JsonArray();
        dossier["paidOnline"] = paidOnline ? 1 : 3;
        dossier["hasDigitizedComponents"] = digitized;
        dossier["submittedAt"] = $"2025-{received}T07:45:00+07:00";
        dossier["receivedAt"] = $"2025-{received}T08:00:00+07:00";
        dossier["dueAt"] = $"2025-{due}T17:00:00+07:00";
        dossier.Remove("supplements");
        return dossier;
    }

    private static JsonObject Closed(JsonObject dossier, string ended)
    {
        dossier["processingEndedAt"] = $"2025-{ended}T10:00:00+07:00";
        dossier["resultReturnedAt"] = $"2025-{ended}T15:00:00+07:00";
        return dossier;
    }
}
