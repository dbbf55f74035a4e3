using System.Globalization;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Hub.DataAccess;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.StatusSync;
using Lgsp.Hub.StatusSync.Ingestion;
using Lgsp.Hub.StatusSync.Queries;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The reading endpoints' handlers: a dossier, the changes feed, the 766 reconciliation, each within the client's agencies.</summary>
internal static partial class StatusSyncApi
{
    private static async Task<IResult> GetAsync(HttpContext http, string code, DossierQueries queries, DossierScope scope, DossierReadRecorder recorder, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var dossierCode = DossierInputReader.ReadCode(code, "code", errors);
        errors.ThrowIfAny();
        var view = await queries.GetDossierAsync(dossierCode!.Value, scope, ct)
            ?? throw new LgspException(ErrorCatalogue.NotFound, IngestionErrors.DossierNotFound.Message, [IngestionErrors.DossierNotFound.WithField("code")]);
        // The dossier names its owner: the read is in the message log under the owner's keyed hash before it is answered.
        await recorder.RecordAsync(http, DossierReadRecorder.GetDossierOperation, [view.Dossier, .. view.Steps], ct);
        return Results.Json(view, StatusSyncJson.TypeInfo<DossierView>());
    }

    private static async Task<IResult> ChangesAsync(HttpRequest request, DossierQueries queries, DossierScope scope, DossierReadRecorder recorder, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var after = Number(request, "after", 0, 0, long.MaxValue, errors);
        var limit = Number(request, "limit", 100, 1, DossierQueries.MaxPageSize, errors);
        errors.ThrowIfAny();
        var page = await queries.GetChangesAsync(after, (int)limit, scope, ct);
        await recorder.RecordAsync(request.HttpContext, DossierReadRecorder.GetChangesOperation, page.Items.Select(i => i.Event), ct);
        return Results.Json(page, StatusSyncJson.TypeInfo<ChangePage>());
    }

    private static async Task<IResult> ReconcileAsync(HttpRequest request, DossierQueries queries, DossierScope scope, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        AgencyCode agency = default;
        if (!AgencyCode.TryParse(request.Query["agency"].ToString(), out agency, out var agencyError))
        {
            errors.Add(ErrorCatalogue.InvalidAgencyCode, agencyError.WithField("agency"));
        }

        var from = Date(request, "from", errors);
        var to = Date(request, "to", errors);
        if (from is { } f && to is { } t && t < f)
        {
            errors.Add(new FieldError("to", "period.order", "Ngày kết thúc kỳ phải không trước ngày bắt đầu.", "The end date must not be before the start date."));
        }

        errors.ThrowIfAny();
        return Results.Json(await queries.ReconcileAsync(agency, from!.Value, to!.Value, scope, ct), StatusSyncJson.TypeInfo<ReconciliationReport>());
    }

    /// <summary>The dossiers the calling client may read, from its access rights in force.</summary>
    private static DossierScope ScopeOf(HttpContext http, AccessRightsRegistry rights) => new(rights.DossierAgencies(ClientId(http.User)));

    internal static long Number(HttpRequest request, string name, long fallback, long min, long max, ValidationErrors errors)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(name, "query.range",
            string.Create(CultureInfo.InvariantCulture, $"Tham số {name} phải là số nguyên từ {min} đến {max}."),
            string.Create(CultureInfo.InvariantCulture, $"The parameter {name} is an integer from {min} to {max}.")));
        return fallback;
    }

    private static DateOnly? Date(HttpRequest request, string name, ValidationErrors errors)
    {
        if (DateOnly.TryParseExact(request.Query[name].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new FieldError(name, "query.date",
            $"Tham số {name} là một ngày dạng yyyy-MM-dd (giờ Việt Nam).", $"The parameter {name} is a date as yyyy-MM-dd (Vietnam time)."));
        return null;
    }
}
