using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.StatusSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.StatusSync.NationalPull;

/// <summary>The way back: the statuses of pulled dossiers sent to DVCLT as they change.</summary>
internal sealed partial class NationalDossierPuller
{
    /// <summary>The receipt of each stored dossier, then the status of each new processing step, oldest first, per dossier in order.</summary>
    private async Task SendStatusesAsync(NationalDossierPullRun run, List<string> errors, CancellationToken ct)
    {
        var batch = options.CurrentValue.StatusBatch;
        List<(NationalDossierPullRecord Pull, DossierRecord Dossier)> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            due = (await (from p in db.NationalDossierPulls.AsNoTracking()
                          join d in db.Dossiers.AsNoTracking() on p.DossierCode equals d.Code
                          where p.ReceiptSentAt == null || (d.LastStepSeq != null && d.LastStepSeq > p.StatusSentSeq)
                          orderby p.Id
                          select new { p, d }).Take(batch).ToListAsync(ct)).Select(x => (x.p, x.d)).ToList();
        }

        foreach (var (pull, dossier) in due)
        {
            try
            {
                if (pull.ReceiptSentAt is null)
                {
                    await source.SendStatusAsync(new LinkedDossierStatus(pull.ProcedureCode, pull.NationalCode, pull.DossierCode, LinkedStatuses.Received,
                        pull.StoredAt, "Nhận hồ sơ từ DVCLT", null, null, pull.StoredAt, dossier.DueAt), ct);
                    run.StatusesSent++;
                    await UpdateAsync(pull.Id, p => p.ReceiptSentAt = time.GetUtcNow(), ct);
                }

                List<DossierStepRecord> steps;
                await using (var db = await contexts.CreateDbContextAsync(ct))
                {
                    steps = await db.DossierSteps.AsNoTracking().Where(s => s.DossierCode == pull.DossierCode && s.Seq > pull.StatusSentSeq).OrderBy(s => s.Seq).ToListAsync(ct);
                }

                foreach (var step in steps)
                {
                    if (LinkedStatuses.For((DossierStatus)step.Status) is { } status)
                    {
                        var detail = DossierJson.DeserializeStep(System.Text.Encoding.UTF8.GetBytes(step.Document));
                        await source.SendStatusAsync(new LinkedDossierStatus(pull.ProcedureCode, pull.NationalCode, pull.DossierCode, status,
                            step.OccurredAt, detail?.Note, detail?.Actor, detail?.Note, detail?.StepStartAt, detail?.StepDueAt ?? dossier.DueAt), ct);
                        run.StatusesSent++;
                    }

                    await UpdateAsync(pull.Id, p => p.StatusSentSeq = step.Seq, ct);
                }
            }
            catch (LgspException fault)
            {
                run.Failed++;
                errors.Add(pull.NationalCode + ": status: " + fault.Error.Code + ": " + fault.Detail);
                await UpdateAsync(pull.Id, p =>
                {
                    p.LastError = Cut(fault.Error.Code + ": " + fault.Detail, 2000);
                    p.LastErrorAt = time.GetUtcNow();
                }, ct);
            }
        }
    }
}
