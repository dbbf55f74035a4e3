using System.Net.Http.Json;
using System.Text.Json;
using Lgsp.Adapters.NationalPortal.Wire;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Adapters.Sdk.Resilience;
using Lgsp.Core.Catalogue;
using Lgsp.Core.Codes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.NationalPortal;

/// <summary>
/// <see cref="IProcedureCatalogueSource"/> over DVCQG's shared catalogues: <c>LayDanhSachTTHC</c>,
/// <c>LayDanhMucCoQuan</c> and <c>LayDanhMucLinhVuc</c>, each one POST to <c>CataloguePath</c> through the adapter's
/// pipeline and authentication. A read: marked idempotent, so it is retried. Rows that are not well formed make the
/// whole answer <c>bad_response</c>: a partial catalogue would refuse real procedures.
/// </summary>
internal sealed partial class DvcqgCatalogueClient(
    HttpClient http,
    IOptionsMonitor<DvcqgCatalogueOptions> catalogue,
    IOptionsMonitor<NationalPortalOptions> portal,
    ILogger<DvcqgCatalogueClient> logger,
    TimeProvider time) : IProcedureCatalogueSource
{
    private const string Source = NationalPortalSource.Name;

    public async Task<IReadOnlyList<CatalogueProcedure>> ListProceduresAsync(CancellationToken cancellationToken)
    {
        var rows = await FetchAsync("LayDanhSachTTHC", cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => ProcedureCode.TryParse(r.MaTthc, out var code) && !code.IsLocal && Text(r.TenTthc) is { } name
            ? new CatalogueProcedure(code.Value, name)
            : throw UpstreamFaults.Malformed(Source, "LayDanhSachTTHC: a row without a national MATTHC or a TENTTHC."))];
    }

    public async Task<IReadOnlyList<CatalogueAgency>> ListAgenciesAsync(CancellationToken cancellationToken)
    {
        var rows = await FetchAsync("LayDanhMucCoQuan", cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => AgencyCode.TryParse(r.MaDonVi, out var code) && Text(r.TenDonVi) is { } name
            ? new CatalogueAgency(code.Value, name, Level(r.CapDonVi))
            : throw UpstreamFaults.Malformed(Source, "LayDanhMucCoQuan: a row without an agency MADONVI or a TENDONVI."))];
    }

    public async Task<IReadOnlyList<CatalogueField>> ListFieldsAsync(CancellationToken cancellationToken)
    {
        var rows = await FetchAsync("LayDanhMucLinhVuc", cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => Text(r.MaLinhVuc) is { } code && Text(r.TenLinhVuc) is { } name
            ? new CatalogueField(code, name)
            : throw UpstreamFaults.Malformed(Source, "LayDanhMucLinhVuc: a row without MALINHVUC or TENLINHVUC."))];
    }

    private async Task<IReadOnlyList<CatalogueItemWire>> FetchAsync(string service, CancellationToken cancellationToken)
    {
        try
        {
            var body = new CatalogueRequestWire { Service = service, MaDonVi = portal.Get(Source).AliasAgency.Value };
            using var request = new HttpRequestMessage(HttpMethod.Post, catalogue.Get(DvcqgCatalogueOptions.OptionsName).CataloguePath)
            {
                Content = JsonContent.Create(body, DvcqgCatalogueJson.Default.CatalogueRequestWire),
            }.MarkIdempotent();
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw UpstreamFaults.FromResponse(Source, response, time);
            }

            var answer = await response.Content.ReadFromJsonAsync(DvcqgCatalogueJson.Default.CatalogueAnswerWire, cancellationToken).ConfigureAwait(false)
                ?? throw UpstreamFaults.Malformed(Source, $"{service}: an empty answer.");
            if (!Succeeded(answer.ErrorCode))
            {
                throw new Lgsp.Core.Errors.LgspException(Lgsp.Core.Errors.UpstreamErrors.For(Source).Rejected, $"{service}: DVCQG answered error_code {answer.ErrorCode}.");
            }

            if (answer.Result is not { } result || result.Any(r => r is null))
            {
                throw UpstreamFaults.Malformed(Source, $"{service}: no result list.");
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

    [LoggerMessage(EventId = 5300, Level = LogLevel.Warning, Message = "DVCQG catalogue {Service} failed with {Code}")]
    private static partial void CatalogueCallFailed(ILogger logger, string service, string code);
}
