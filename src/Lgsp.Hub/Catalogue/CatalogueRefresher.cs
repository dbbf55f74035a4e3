using Lgsp.Core.Catalogue;
using Lgsp.Core.Errors;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Catalogue;

/// <summary>
/// One refresh: the three catalogues fetched from DVCQG, then stored together in one transaction, replacing the
/// previous copy. Any failure (a call, an unreadable row, an empty procedure list) stores nothing but the failure:
/// the last good copy stays in force and in the database. One refresh at a time per instance.
/// </summary>
internal sealed partial class CatalogueRefresher(
    IServiceScopeFactory scopes,
    IDbContextFactory<HubDbContext> contexts,
    ProcedureCatalogue catalogue,
    CatalogueClock clock,
    ILogger<CatalogueRefresher> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Loads the stored copy into memory (at start); nothing when there is none yet.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var codes = await db.Set<CatalogueProcedureRecord>().Select(p => p.Code).ToListAsync(ct);
        if (codes.Count > 0)
        {
            catalogue.Replace(codes);
            Loaded(logger, codes.Count);
        }
    }

    public async Task<CatalogueStatus> RefreshAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var started = clock.Time.GetUtcNow();
            IReadOnlyList<CatalogueProcedure> procedures;
            IReadOnlyList<CatalogueAgency> agencies;
            IReadOnlyList<CatalogueField> fields;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var source = scope.ServiceProvider.GetService<IProcedureCatalogueSource>()
                    ?? throw new LgspException(ErrorCatalogue.SourceDisabled, new("Nền tảng này chưa cài nguồn danh mục thủ tục nào.", "No procedure catalogue source is installed in this hub."));
                procedures = await source.ListProceduresAsync(ct);
                agencies = await source.ListAgenciesAsync(ct);
                fields = await source.ListFieldsAsync(ct);
                if (procedures.Count == 0)
                {
                    throw new LgspException(UpstreamErrors.For("dvcqg").BadResponse, new("LayDanhSachTTHC không trả về thủ tục nào.", "LayDanhSachTTHC answered no procedure at all."));
                }
            }
            catch (LgspException ex)
            {
                await RecordFailureAsync(started, ex.Error.Code, ex.Detail?.En, ct);
                Failed(logger, ex.Error.Code, catalogue.Count);
                return await StatusAsync(ct);
            }

            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.Set<CatalogueProcedureRecord>().ExecuteDeleteAsync(ct);
                await db.Set<CatalogueAgencyRecord>().ExecuteDeleteAsync(ct);
                await db.Set<CatalogueFieldRecord>().ExecuteDeleteAsync(ct);
                db.AddRange(procedures.DistinctBy(p => p.Code).Select(p => new CatalogueProcedureRecord { Code = p.Code, Name = Clip(p.Name, 2000) }));
                db.AddRange(agencies.DistinctBy(a => a.Code).Select(a => new CatalogueAgencyRecord { Code = a.Code, Name = Clip(a.Name, 1000), Level = a.Level is null ? null : Clip(a.Level, 16) }));
                db.AddRange(fields.DistinctBy(f => f.Code).Select(f => new CatalogueFieldRecord { Code = Clip(f.Code, 64), Name = Clip(f.Name, 1000) }));
                var state = await StateAsync(db, ct);
                state.LastAttemptAt = started;
                state.LastSuccessAt = started;
                state.LastErrorCode = null;
                state.LastErrorDetail = null;
                state.ConsecutiveFailures = 0;
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }

            catalogue.Replace(procedures.Select(p => p.Code));
            Refreshed(logger, procedures.Count, agencies.Count, fields.Count);
            return await StatusAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<CatalogueStatus> StatusAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var state = await db.Set<CatalogueRefreshRecord>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new CatalogueRefreshRecord();
        return new CatalogueStatus(
            InForce: catalogue.HasCopy,
            Procedures: await db.Set<CatalogueProcedureRecord>().CountAsync(ct),
            Agencies: await db.Set<CatalogueAgencyRecord>().CountAsync(ct),
            Fields: await db.Set<CatalogueFieldRecord>().CountAsync(ct),
            state.LastAttemptAt, state.LastSuccessAt, state.LastFailureAt, state.LastErrorCode, state.LastErrorDetail,
            state.ConsecutiveFailures, state.TotalFailures);
    }

    private async Task RecordFailureAsync(DateTimeOffset started, string code, string? detail, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var state = await StateAsync(db, ct);
        state.LastAttemptAt = started;
        state.LastFailureAt = started;
        state.LastErrorCode = code;
        state.LastErrorDetail = detail is null ? null : Clip(detail, 1000);
        state.ConsecutiveFailures++;
        state.TotalFailures++;
        await db.SaveChangesAsync(ct);
    }

    private static async Task<CatalogueRefreshRecord> StateAsync(HubDbContext db, CancellationToken ct)
    {
        var state = await db.Set<CatalogueRefreshRecord>().SingleOrDefaultAsync(ct);
        if (state is null)
        {
            state = new CatalogueRefreshRecord();
            db.Add(state);
        }

        return state;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Procedure catalogue refreshed: {Procedures} procedures, {Agencies} agencies, {Fields} fields")]
    private static partial void Refreshed(ILogger logger, int procedures, int agencies, int fields);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Procedure catalogue refresh failed with {Code}; the last good copy ({Procedures} procedures) stays in force")]
    private static partial void Failed(ILogger logger, string code, int procedures);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Information, Message = "Procedure catalogue loaded from the database: {Procedures} procedures")]
    private static partial void Loaded(ILogger logger, int procedures);
}

/// <summary>What operators see: the copy in force, its counts, and how the refreshes went.</summary>
internal sealed record CatalogueStatus(
    bool InForce,
    int Procedures,
    int Agencies,
    int Fields,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    string? LastErrorCode,
    string? LastErrorDetail,
    int ConsecutiveFailures,
    long TotalFailures);

/// <summary>The clock of the refresh schedule: the hub's <see cref="TimeProvider"/>, replaceable on its own in tests.</summary>
internal sealed record CatalogueClock(TimeProvider Time);
