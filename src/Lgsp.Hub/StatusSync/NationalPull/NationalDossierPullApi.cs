using Lgsp.Hub.Identity;
using Lgsp.Hub.Storage;
using Lgsp.Hub.StatusSync.NationalPull;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The operators' view of the national dossier pull (<c>/admin/v1/national-dossier-pull</c>, scope <c>lgsp.admin</c>):
/// the schedule, the last pulls, what is pending (stored but not acknowledged, statuses not yet back) and the dossiers
/// whose last attempt failed; and a pull now. No names or personal ids: national and local codes, counts, error codes.
/// </summary>
internal static class NationalDossierPullApi
{
    public const string Path = "/admin/v1/national-dossier-pull";

    public static IEndpointRouteBuilder MapNationalDossierPullApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags("Status sync administration").RequireScope(HubScopes.Admin);
        api.MapGet("", (IDbContextFactory<HubDbContext> contexts, IOptionsMonitor<NationalDossierPullOptions> options, CancellationToken ct) => ViewAsync(contexts, options.CurrentValue, ct))
            .WithName("GetNationalDossierPull")
            .WithSummary("The national dossier pull: schedule, last pulls, pending acknowledgements and statuses, failures")
            .Produces<NationalDossierPullView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/run", async (NationalDossierPuller puller, CancellationToken ct) =>
                Results.Json(RunView.Of(await puller.RunOnceAsync(ct)), Lgsp.Hub.StatusSync.StatusSyncJson.TypeInfo<RunView>()))
            .WithName("RunNationalDossierPull")
            .WithSummary("Pull now (waits for a scheduled pull in progress), whether or not the schedule is enabled")
            .Produces<RunView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> ViewAsync(IDbContextFactory<HubDbContext> contexts, NationalDossierPullOptions options, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var runs = await db.NationalDossierPullRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(10).ToListAsync(ct);
        var unacknowledged = await db.NationalDossierPulls.AsNoTracking().CountAsync(p => p.AcknowledgedAt == null, ct);
        var statusesPending = await (from p in db.NationalDossierPulls.AsNoTracking()
                                     join d in db.Dossiers.AsNoTracking() on p.DossierCode equals d.Code
                                     where p.ReceiptSentAt == null || (d.LastStepSeq != null && d.LastStepSeq > p.StatusSentSeq)
                                     select p.Id).CountAsync(ct);
        var stored = await db.NationalDossierPulls.AsNoTracking().CountAsync(ct);
        var failing = await db.NationalDossierPulls.AsNoTracking()
            .Where(p => p.LastErrorAt != null && (p.AcknowledgedAt == null || p.LastErrorAt > p.AcknowledgedAt))
            .OrderByDescending(p => p.LastErrorAt).Take(50)
            .Select(p => new FailingDossier(p.NationalCode, p.DossierCode, p.AcknowledgedAt != null, p.AckAttempts, p.LastError, p.LastErrorAt))
            .ToListAsync(ct);
        var view = new NationalDossierPullView(options.Enabled, options.Interval, runs.Count == 0 ? null : RunView.Of(runs[0]),
            runs.FirstOrDefault(r => r.Failed == 0) is { } ok ? ok.EndedAt : null,
            stored, unacknowledged, statusesPending, failing, [.. runs.Select(RunView.Of)]);
        return Results.Json(view, Lgsp.Hub.StatusSync.StatusSyncJson.TypeInfo<NationalDossierPullView>());
    }
}

internal sealed record NationalDossierPullView(
    bool Enabled, TimeSpan Interval, RunView? LastPull, DateTimeOffset? LastSuccessfulPullAt,
    int Stored, int Unacknowledged, int StatusesPending, IReadOnlyList<FailingDossier> Failing, IReadOnlyList<RunView> Recent);

internal sealed record FailingDossier(string NationalCode, string DossierCode, bool Acknowledged, int AckAttempts, string? LastError, DateTimeOffset? LastErrorAt);

internal sealed record RunView(
    long Id, DateTimeOffset StartedAt, DateTimeOffset EndedAt, int Listed, int Stored, int AlreadyStored, int Acknowledged, int StatusesSent, int Failed, IReadOnlyList<string> Errors)
{
    public static RunView Of(NationalDossierPullRun run) => new(run.Id, run.StartedAt, run.EndedAt, run.Listed, run.Stored, run.AlreadyStored,
        run.Acknowledged, run.StatusesSent, run.Failed, run.Errors is null ? [] : run.Errors.Split('\n'));
}
