using System.Text.Json;
using Lgsp.Adapters.NationalPortal.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>What a dossier put came to at DVCQG.</summary>
internal enum DossierPut
{
    Created,

    /// <summary>Created elsewhere or by an earlier attempt: updated ("đã tồn tại" on create, or found by the lookup).</summary>
    Updated,

    /// <summary>DVCQG already held exactly this: nothing was sent (a re-delivery).</summary>
    Unchanged,
}

/// <summary>
/// DVCQG's sync algorithm on wire packets, independent of the hub's dossier model. Each operation makes DVCQG hold a
/// state and is safe to run again after any failure, including one after DVCQG accepted a call whose answer was lost:
/// <list type="bullet">
/// <item><see cref="PutDossierAsync"/>: look the MaHoSo up; absent → <c>ThemMoi</c>, and "đã tồn tại" → <c>CapNhat</c>;
/// present and different → <c>CapNhat</c>; present and equal → nothing.</item>
/// <item><see cref="PutProgressAsync"/>: look up the rows DVCQG holds, send only the rows it lacks (a row is its
/// content, <see cref="QuaTrinhXuLy.Key"/>; counted, so two equal rows need two), in order, in calls of at most
/// <see cref="NationalPortalOptions.ProgressChunkSize"/>. A chunk that failed is found missing next time and sent again;
/// a chunk accepted is never sent twice.</item>
/// </list>
/// </summary>
internal sealed partial class DvcqgSync(DvcqgClient client, IOptionsMonitor<NationalPortalOptions> options, ILogger<DvcqgSync> logger)
{
    private const string Source = NationalPortalSource.Name;

    public async Task<DossierPut> PutDossierAsync(HoSoDongBoDVC hoSo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hoSo);
        var maHoSo = hoSo.MaHoSo ?? throw new ArgumentException("MaHoSo is required.", nameof(hoSo));
        var held = await client.LookupAsync(maHoSo, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            if (await client.CreateAsync(hoSo, cancellationToken).ConfigureAwait(false) == CreateResult.Created)
            {
                return DossierPut.Created;
            }

            // Created between the lookup and the create (by DVCQG itself, another system or an attempt whose answer was lost).
            await client.UpdateAsync(hoSo, cancellationToken).ConfigureAwait(false);
            return DossierPut.Updated;
        }

        if (Same(held.HoSo, hoSo))
        {
            return DossierPut.Unchanged;
        }

        await client.UpdateAsync(hoSo, cancellationToken).ConfigureAwait(false);
        return DossierPut.Updated;
    }

    /// <returns>How many rows were sent (0 when DVCQG held them all).</returns>
    public async Task<int> PutProgressAsync(string maHoSo, IReadOnlyList<QuaTrinhXuLy> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var held = await client.LookupAsync(maHoSo, cancellationToken).ConfigureAwait(false)
            ?? throw UpstreamFaults.NotFound(Source, new("Cổng DVCQG chưa có hồ sơ nên không nhận quá trình xử lý của hồ sơ; cần đồng bộ hồ sơ trước.", "DVCQG does not hold the dossier, so it takes no progress rows for it; the dossier must be synced first."));
        var missing = Missing(held.Rows, rows);
        var chunk = options.Get(Source).ProgressChunkSize;
        for (var i = 0; i < missing.Count; i += chunk)
        {
            await client.SendProgressAsync(missing.Skip(i).Take(chunk).ToList(), cancellationToken).ConfigureAwait(false);
        }

        if (missing.Count < rows.Count)
        {
            RowsAlreadyHeld(logger, rows.Count - missing.Count);
        }

        return missing.Count;
    }

    /// <summary>The rows of <paramref name="wanted"/> that <paramref name="held"/> lacks, in order (multiset difference by content).</summary>
    internal static List<QuaTrinhXuLy> Missing(IReadOnlyList<QuaTrinhXuLy> held, IReadOnlyList<QuaTrinhXuLy> wanted)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in held)
        {
            counts[row.Key] = counts.GetValueOrDefault(row.Key) + 1;
        }

        var missing = new List<QuaTrinhXuLy>();
        foreach (var row in wanted)
        {
            if (counts.GetValueOrDefault(row.Key) is > 0 and var n)
            {
                counts[row.Key] = n - 1;
            }
            else
            {
                missing.Add(row);
            }
        }

        return missing;
    }

    /// <summary>Equal as DVCQG would store them: the same JSON once written the way this adapter writes it.</summary>
    private static bool Same(HoSoDongBoDVC held, HoSoDongBoDVC wanted) =>
        JsonSerializer.SerializeToUtf8Bytes(held, DvcqgJson.Wire.HoSoDongBoDVC).AsSpan()
            .SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(wanted, DvcqgJson.Wire.HoSoDongBoDVC));

    [LoggerMessage(EventId = 6600, Level = LogLevel.Information, Message = "DVCQG already held {Count} of the progress rows; they were not sent again")]
    private static partial void RowsAlreadyHeld(ILogger logger, int count);
}
