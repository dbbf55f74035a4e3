using System.Globalization;
using System.Security.Cryptography;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.Storage;
using Lgsp.Hub.StatusSync.Ingestion;
using Lgsp.Hub.StatusSync.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.StatusSync.NationalPull;

/// <summary>
/// One pull of the liên thông dossiers (birth and death registrations submitted on DVCQG / VNeID), in the order the
/// public .NET one-stop system does it, made safe against crashes:
/// <list type="number">
/// <item>list the pending dossiers;</item>
/// <item>a dossier already stored (its <see cref="NationalDossierPullRecord"/> exists) is not fetched again: it is only
/// acknowledged again (its acknowledgement was lost, or never sent before a crash);</item>
/// <item>a new one is fetched, given a local code (the national code becomes its alias, <c>MaHoSoKhac</c>), and
/// ingested like a dossier from the national portal (its events go to <c>provincial</c>) — the pull record and the
/// attachments in the <b>same transaction</b> as the dossier;</item>
/// <item>only then acknowledged (<c>daNhan</c>); a failed acknowledgement is repeated at the next pull;</item>
/// <item>statuses go back: the receipt (1) once stored, then each processing step the one-stop system records.</item>
/// </list>
/// One dossier's failure does not stop the others; each run is recorded for the operators.
/// </summary>
internal sealed partial class NationalDossierPuller(
    ILinkedDossierSource source,
    DossierIngestion ingestion,
    DossierCodeGenerator codes,
    IDbContextFactory<HubDbContext> contexts,
    IOptionsMonitor<NationalDossierPullOptions> options,
    TimeProvider time,
    ILogger<NationalDossierPuller> logger)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<NationalDossierPullRun> RunOnceAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            var run = new NationalDossierPullRun { StartedAt = time.GetUtcNow() };
            var errors = new List<string>();
            try
            {
                await PullAsync(run, errors, ct);
            }
            catch (LgspException fault)
            {
                run.Failed++;
                errors.Add("list: " + fault.Error.Code + ": " + fault.Detail);
                LogListFailed(logger, fault.Error.Code);
            }

            try
            {
                await SendStatusesAsync(run, errors, ct);
            }
            catch (LgspException fault)
            {
                run.Failed++;
                errors.Add("statuses: " + fault.Error.Code + ": " + fault.Detail);
            }

            run.EndedAt = time.GetUtcNow();
            run.Errors = errors.Count == 0 ? null : Cut(string.Join('\n', errors), 4000);
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.NationalDossierPullRuns.Add(run);
            await db.SaveChangesAsync(ct);
            LogRun(logger, run.Listed, run.Stored, run.AlreadyStored, run.Acknowledged, run.StatusesSent, run.Failed);
            return run;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task PullAsync(NationalDossierPullRun run, List<string> errors, CancellationToken ct)
    {
        var listed = await source.ListPendingAsync(ct);
        run.Listed = listed.Count;
        var wanted = listed.Select(l => l.NationalCode).Distinct(StringComparer.Ordinal).ToArray();
        Dictionary<string, NationalDossierPullRecord> known;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            known = await db.NationalDossierPulls.AsNoTracking().Where(p => wanted.Contains(p.NationalCode)).ToDictionaryAsync(p => p.NationalCode, StringComparer.Ordinal, ct);
        }

        foreach (var listing in listed.DistinctBy(l => l.NationalCode, StringComparer.Ordinal))
        {
            try
            {
                if (known.ContainsKey(listing.NationalCode))
                {
                    run.AlreadyStored++;
                }
                else
                {
                    await StoreAsync(listing, ct);
                    run.Stored++;
                }
            }
            catch (LgspException fault)
            {
                run.Failed++;
                errors.Add(listing.NationalCode + ": " + fault.Error.Code + ": " + fault.Detail);
                LogDossierFailed(logger, listing.NationalCode, fault.Error.Code);
                continue;
            }
            catch (Exception ex) when (DbErrors.IsRetryable(ex))
            {
                // Another instance stored it first (the national code is unique): it is stored, acknowledge it.
                if (!await IsStoredAsync(listing.NationalCode, ct))
                {
                    run.Failed++;
                    errors.Add(listing.NationalCode + ": " + ex.GetType().Name);
                    LogDossierFailed(logger, listing.NationalCode, ex.GetType().Name);
                    continue;
                }

                run.AlreadyStored++;
            }

            // Stored (now or before): acknowledge. Repeating an acknowledgement is harmless.
            if (await AcknowledgeAsync(listing.NationalCode, errors, ct))
            {
                run.Acknowledged++;
            }
            else
            {
                run.Failed++;
            }
        }
    }

    private async Task StoreAsync(LinkedDossierListing listing, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var fetched = await source.FetchAsync(listing, ct);
        var attachments = new List<NationalDossierPullAttachment>(fetched.Attachments.Count);
        foreach (var file in fetched.Attachments)
        {
            if (file.Content.Length > settings.MaxAttachmentBytes)
            {
                throw new LgspException(UpstreamErrors.For("dvclt").BadResponse,
                    new(string.Create(CultureInfo.InvariantCulture, $"Tệp đính kèm {file.Id} có {file.Content.Length} byte, quá NationalDossierPull:MaxAttachmentBytes ({settings.MaxAttachmentBytes})."),
                        string.Create(CultureInfo.InvariantCulture, $"Attachment {file.Id} has {file.Content.Length} bytes, over NationalDossierPull:MaxAttachmentBytes ({settings.MaxAttachmentBytes}).")));
            }

            attachments.Add(new NationalDossierPullAttachment
            {
                NationalCode = listing.NationalCode,
                FileId = file.Id,
                DocumentType = file.DocumentType,
                DocumentName = Cut(file.DocumentName, 500),
                FileName = Cut(file.FileName, 500),
                Withdrawn = file.Withdrawn,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Content.Span)),
                Size = file.Content.Length,
                Content = file.Content.ToArray(),
            });
        }

        var agency = AgencyFor(listing.UnitCode, settings);
        var code = await codes.NextAsync(agency, ct);
        var dossier = LinkedDossierMapping.ToDossier(fetched, code, agency, attachments, time.GetUtcNow());
        var record = new NationalDossierPullRecord
        {
            NationalCode = listing.NationalCode,
            ListId = Cut(listing.Id, 64),
            Module = Cut(listing.Module, 8),
            ProcedureCode = dossier.Procedure.NationalCode.Value,
            UnitCode = Cut(listing.UnitCode, 32),
            DossierCode = code.Value,
            StoredAt = time.GetUtcNow(),
        };

        // The pull record and the attachments commit with the dossier and its event for the one-stop system, or not at all.
        await ingestion.IngestAsync(new IngestionRequest(SyncSides.Dvcqg, [new UpsertDossier(dossier, "")], IngestionShape.Dossier, null,
            async (db, token) =>
            {
                db.NationalDossierPulls.Add(record);
                db.NationalDossierPullAttachments.AddRange(attachments);
                await db.SaveChangesAsync(token);
            }), ct);
        LogStored(logger, listing.NationalCode, code.Value, attachments.Count);
    }

    private async Task<bool> IsStoredAsync(string nationalCode, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.NationalDossierPulls.AnyAsync(p => p.NationalCode == nationalCode, ct);
    }

    private async Task<bool> AcknowledgeAsync(string nationalCode, List<string> errors, CancellationToken ct)
    {
        LgspException? failure = null;
        try
        {
            await source.AcknowledgeAsync(nationalCode, ct);
        }
        catch (LgspException fault)
        {
            failure = fault;
            errors.Add(nationalCode + ": acknowledgement: " + fault.Error.Code + ": " + fault.Detail);
            LogAckFailed(logger, nationalCode, fault.Error.Code);
        }

        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.NationalDossierPulls.SingleAsync(p => p.NationalCode == nationalCode, ct);
        record.AckAttempts++;
        if (failure is null)
        {
            record.AcknowledgedAt ??= now;
        }
        else
        {
            record.LastError = Cut(failure.Error.Code + ": " + failure.Detail, 2000);
            record.LastErrorAt = now;
        }

        await db.SaveChangesAsync(ct);
        return failure is null;
    }

    private async Task UpdateAsync(long id, Action<NationalDossierPullRecord> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.NationalDossierPulls.SingleAsync(p => p.Id == id, ct);
        change(record);
        await db.SaveChangesAsync(ct);
    }

    private static AgencyCode AgencyFor(string unit, NationalDossierPullOptions settings) =>
        AgencyCode.Parse(settings.Units.TryGetValue(unit, out var agency) ? agency : settings.DefaultAgencyCode);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";

    // National codes are the other side's identifiers, not personal data; names and personal ids are never logged.
    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Pulled dossier {NationalCode} stored as {DossierCode} with {Attachments} attachments")]
    private static partial void LogStored(ILogger logger, string nationalCode, string dossierCode, int attachments);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Warning, Message = "Pulled dossier {NationalCode} not stored ({Error}); it stays pending at the national side")]
    private static partial void LogDossierFailed(ILogger logger, string nationalCode, string error);

    [LoggerMessage(EventId = 5403, Level = LogLevel.Warning, Message = "Acknowledgement of pulled dossier {NationalCode} failed ({Error}); repeated at the next pull")]
    private static partial void LogAckFailed(ILogger logger, string nationalCode, string error);

    [LoggerMessage(EventId = 5404, Level = LogLevel.Warning, Message = "Listing the national side's pending dossiers failed ({Error})")]
    private static partial void LogListFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5405, Level = LogLevel.Information, Message = "National dossier pull: {Listed} listed, {Stored} stored, {AlreadyStored} already stored, {Acknowledged} acknowledged, {StatusesSent} statuses sent, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int listed, int stored, int alreadyStored, int acknowledged, int statusesSent, int failed);
}
