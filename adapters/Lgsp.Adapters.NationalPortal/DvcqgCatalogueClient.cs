using System.Text.Json;
using Lgsp.Adapters.NationalPortal.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Catalogue;
using Lgsp.Core.Codes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>
/// <see cref="IProcedureCatalogueSource"/> over DVCQG's shared catalogues: <c>LayDanhSachTTHC</c>,
/// <c>LayDanhMucCoQuan</c> and <c>LayDanhMucLinhVuc</c>, each one POST <c>{service, madonvi}</c> to <c>CataloguePath</c>
/// (OpenCPS's <c>share_endpoint</c>) on the dossier API's connection: the same pipeline and the same profile's
/// authentication (<see cref="DvcqgAuthHandler"/>: nothing, the login session in the body with <c>dstcode</c>, or a
/// Bearer token). A read: marked idempotent, so it is retried. Rows that are not well formed make the whole answer
/// <c>bad_response</c>: a partial catalogue would refuse real procedures.
/// </summary>
internal sealed partial class DvcqgCatalogueClient(
    DvcqgHttp http,
    IOptionsMonitor<DvcqgCatalogueOptions> catalogue,
    IOptionsMonitor<NationalPortalOptions> portal,
    ILogger<DvcqgCatalogueClient> logger) : IProcedureCatalogueSource
{
    private const string Source = NationalPortalSource.Name;

    public async Task<IReadOnlyList<CatalogueProcedure>> ListProceduresAsync(CancellationToken cancellationToken)
    {
        var rows = await FetchAsync("LayDanhSachTTHC", cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => ProcedureCode.TryParse(r.MaTthc, out var code) && !code.IsLocal && Text(r.TenTthc) is { } name
            ? new CatalogueProcedure(code.Value, name)
            : throw UpstreamFaults.Malformed(Source, new("LayDanhSachTTHC: một dòng thiếu MATTHC quốc gia hoặc TENTTHC.", "LayDanhSachTTHC: a row without a national MATTHC or a TENTTHC.")))];
    }

    public async Task<IReadOnlyList<CatalogueAgency>> ListAgenciesAsync(CancellationToken cancellationToken)
    {
        var rows = await FetchAsync("LayDanhMucCoQuan", cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => AgencyCode.TryParse(r.MaDonVi, out var code) && Text(r.TenDonVi) is { } name
            ? new CatalogueAgency(code.Value, name, Level(r.CapDonVi))
            : throw UpstreamFaults.Malformed(Source, new("LayDanhMucCoQuan: một dòng thiếu MADONVI của cơ quan hoặc TENDONVI.", "LayDanhMucCoQuan: a row without an agency MADONVI or a TENDONVI.")))];
    }

    public async Task<IReadOnlyList<CatalogueField>> ListFieldsAsync(CancellationToken cancellationToken)
    {
        var rows = await FetchAsync("LayDanhMucLinhVuc", cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => Text(r.MaLinhVuc) is { } code && Text(r.TenLinhVuc) is { } name
            ? new CatalogueField(code, name)
            : throw UpstreamFaults.Malformed(Source, new("LayDanhMucLinhVuc: một dòng thiếu MALINHVUC hoặc TENLINHVUC.", "LayDanhMucLinhVuc: a row without MALINHVUC or TENLINHVUC.")))];
    }

    private async Task<IReadOnlyList<CatalogueItemWire>> FetchAsync(string service, CancellationToken cancellationToken)
    {
        try
        {
            var o = portal.Get(Source);
            var body = new CatalogueRequestWire { Service = service, MaDonVi = o.UnitCode ?? o.AliasAgency.Value };
            using var content = new StringContent(
                JsonSerializer.Serialize(body, DvcqgCatalogueJson.Default.CatalogueRequestWire), System.Text.Encoding.UTF8, "application/json");
            var text = await http.PostAsync(catalogue.Get(DvcqgCatalogueOptions.OptionsName).CataloguePath, content, idempotent: true, [], cancellationToken)
                .ConfigureAwait(false);
            CatalogueAnswerWire answer;
            try
            {
                answer = JsonSerializer.Deserialize(text, DvcqgCatalogueJson.Default.CatalogueAnswerWire)
                    ?? throw UpstreamFaults.Malformed(Source, new($"{service}: câu trả lời rỗng.", $"{service}: an empty answer."));
            }
            catch (JsonException ex)
            {
                throw UpstreamFaults.Malformed(Source, new($"{service}: câu trả lời không phải JSON.", $"{service}: the answer is not JSON."), ex);
            }

            if (!Succeeded(answer.ErrorCode))
            {
                throw new Lgsp.Core.Errors.LgspException(Lgsp.Core.Errors.UpstreamErrors.For(Source).Rejected, new($"{service}: Cổng DVCQG trả lời error_code {answer.ErrorCode}.", $"{service}: DVCQG answered error_code {answer.ErrorCode}."));
            }

            if (answer.Result is not { } result || result.Any(r => r is null))
            {
                throw UpstreamFaults.Malformed(Source, new($"{service}: không có danh sách kết quả.", $"{service}: no result list."));
            }

            return result!;
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            CatalogueCallFailed(logger, service, fault.Error.Code);
            throw fault;
        }
    }

    private static bool Succeeded(JsonElement? code) => code switch
    {
        { ValueKind: JsonValueKind.Number } n => n.TryGetInt32(out var i) && i == 0,
        { ValueKind: JsonValueKind.String } s => s.GetString() == "0",
        _ => false,
    };

    private static string? Level(JsonElement? level) => level switch
    {
        { ValueKind: JsonValueKind.String } s => Text(s.GetString()),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [LoggerMessage(EventId = 6604, Level = LogLevel.Warning, Message = "DVCQG catalogue {Service} failed with {Code}")]
    private static partial void CatalogueCallFailed(ILogger logger, string service, string code);
}
