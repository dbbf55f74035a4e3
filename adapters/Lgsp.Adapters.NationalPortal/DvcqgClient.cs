using System.Globalization;
using System.Text;
using System.Text.Json;
using Lgsp.Adapters.NationalPortal.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Errors;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>What DVCQG holds for one MaHoSo: the dossier and its progress rows, in the order DVCQG keeps them.</summary>
internal sealed record DvcqgRecord(HoSoDongBoDVC HoSo, IReadOnlyList<QuaTrinhXuLy> Rows);

/// <summary>What a <c>ThemMoi</c> came to.</summary>
internal enum CreateResult
{
    Created,

    /// <summary>DVCQG already holds the MaHoSo ("đã tồn tại", <c>error_code</c> 3 or -3): the caller updates instead.</summary>
    AlreadyExists,
}

/// <summary>
/// DVCQG's four calls, one to one, on the wire types, independent of the hub's dossier model. Each answer's
/// <c>error_code</c> is read here: "0" is success, "đã tồn tại" on a create is <see cref="CreateResult.AlreadyExists"/>,
/// "không tìm thấy" on a lookup is absence, any other refusal is <c>upstream.dvcqg.rejected</c> with DVCQG's message,
/// an answer without a code is <c>bad_response</c>. Transport faults are the SDK's.
/// </summary>
internal sealed class DvcqgClient(IDvcqgApi api)
{
    private const string Source = NationalPortalSource.Name;

    /// <summary>The dossier and rows DVCQG holds for <paramref name="maHoSo"/>, or null when it holds none.</summary>
    public async Task<DvcqgRecord?> LookupAsync(string maHoSo, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(ct => api.TraCuuHoSoAsync(new TraCuuHoSoRequest(maHoSo), ct), cancellationToken).ConfigureAwait(false);
        if (IsNotFound(answer))
        {
            return null;
        }

        Succeeded(answer, "TraCuuHoSo");
        if (answer.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            throw UpstreamFaults.Malformed(Source, "TraCuuHoSo answered success without the dossier.");
        }

        try
        {
            var hoSo = data.Deserialize(DvcqgJson.Wire.HoSoDongBoDVC)!;
            var rows = data.Deserialize(DvcqgJson.Wire.TienTrinhDaCo)?.QuaTrinhXuLy ?? [];
            if (!string.Equals(hoSo.MaHoSo, maHoSo, StringComparison.OrdinalIgnoreCase))
            {
                throw UpstreamFaults.Malformed(Source, "TraCuuHoSo answered with another dossier than the one asked for.");
            }

            return new DvcqgRecord(hoSo, rows);
        }
        catch (JsonException ex)
        {
            throw UpstreamFaults.Malformed(Source, "TraCuuHoSo's dossier could not be read.", ex);
        }
    }

    public async Task<CreateResult> CreateAsync(HoSoDongBoDVC hoSo, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(ct => api.ThemMoiAsync([hoSo], ct), cancellationToken).ConfigureAwait(false);
        // TD-DVC's reading, the one DVCQG is known to need: "đã tồn tại" in the message of a 0, 3 or -3 answer.
        if (answer.ErrorCode is "0" or "3" or "-3" && Says(answer, "đã tồn tại"))
        {
            return CreateResult.AlreadyExists;
        }

        Succeeded(answer, "ThemMoi");
        return CreateResult.Created;
    }

    public async Task UpdateAsync(HoSoDongBoDVC hoSo, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(ct => api.CapNhatAsync([hoSo], ct), cancellationToken).ConfigureAwait(false);
        Succeeded(answer, "CapNhat");
    }

    /// <summary>One <c>DongBoTienTrinh</c> call; never more rows than DVCQG takes at once.</summary>
    public async Task SendProgressAsync(IReadOnlyList<QuaTrinhXuLy> rows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows.Count, 10);
        var batch = rows.ToArray();
        var answer = await CallAsync(ct => api.DongBoTienTrinhAsync(batch, ct), cancellationToken).ConfigureAwait(false);
        Succeeded(answer, "DongBoTienTrinh");
    }

    private static async Task<DvcqgAnswer> CallAsync(Func<CancellationToken, Task<DvcqgAnswer>> call, CancellationToken cancellationToken)
    {
        DvcqgAnswer? answer;
        try
        {
            answer = await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            throw fault;
        }

        if (answer?.ErrorCode is not { Length: > 0 })
        {
            throw UpstreamFaults.Malformed(Source, "DVCQG answered without an error_code.");
        }

        return answer;
    }

    private static void Succeeded(DvcqgAnswer answer, string operation)
    {
        if (answer.ErrorCode != "0")
        {
            // DVCQG's message names fields and codes, never personal data, so it is kept for the operators.
            throw new LgspException(UpstreamErrors.For(Source).Rejected,
                string.Create(CultureInfo.InvariantCulture, $"{operation}: error_code {answer.ErrorCode}: {Truncate(answer.Message)}"));
        }
    }

    private static bool IsNotFound(DvcqgAnswer answer) =>
        answer.ErrorCode != "0" && (answer.ErrorCode == "-2" || Says(answer, "không tìm thấy") || Says(answer, "không tồn tại"));

    /// <summary>Whether DVCQG's message says <paramref name="words"/>, whatever the case and Unicode composition.</summary>
    private static bool Says(DvcqgAnswer answer, string words) =>
        (answer.Message ?? "").Normalize(NormalizationForm.FormC).Contains(words, StringComparison.OrdinalIgnoreCase);

    private static string Truncate(string? message) => message is null ? "(no message)" : message.Length <= 500 ? message : message[..500];
}
