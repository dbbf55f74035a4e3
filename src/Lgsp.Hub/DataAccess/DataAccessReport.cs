using Lgsp.Core.Codes;
using Lgsp.Hub.Catalogue;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.DataAccess;

/// <summary>One read of a person's records, as the report shows it (names from the catalogue, never an identifier).</summary>
internal sealed record DataAccessEntry(
    Guid ExchangeId,
    DateTimeOffset At,
    string Source,
    string SourceName,
    string Operation,
    string ClientId,
    string? AgencyCode,
    string? AgencyName,
    string? OfficerId,
    string? ProcedureCode,
    string? ProcedureName,
    string Outcome,
    int HttpStatus);

/// <summary>One page of the report, newest first.</summary>
internal sealed record DataAccessPage(IReadOnlyList<DataAccessEntry> Items, int Page, int PageSize, int Total);

/// <summary>
/// Who read a person's records (Nghị định 13/2023/NĐ-CP, Điều 9: the data subject's right to know): the message-log
/// records whose keyed subject hash is one of the person's, computed here from the identifiers the caller is entitled
/// to (the token's CCCD, or the one an agency names with a purpose). The log holds no identifier, so nothing is added
/// to it to answer this; the names come from the hub's catalogue copy and the access rights in force.
/// </summary>
internal sealed class DataAccessReport(IDbContextFactory<HubDbContext> contexts, SubjectHasher subjects, AccessRightsRegistry rights)
{
    public const int MaxPageSize = 500;

    /// <summary>The kinds of identifier a person's reads are found by, with the kind the gateway hashes each under.</summary>
    public IReadOnlyList<string> SubjectHashes(string personalId, string? enterpriseCode) =>
        enterpriseCode is null
            ? [subjects.Hash("personal_id", personalId)]
            : [subjects.Hash("personal_id", personalId), subjects.Hash("enterprise_code", enterpriseCode)];

    public async Task<DataAccessPage> ReadAsync(IReadOnlyList<string> hashes, int page, int pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var reads = db.MessageLogRecords.AsNoTracking().Where(r => r.SubjectHash != null && hashes.Contains(r.SubjectHash));
        var total = await reads.CountAsync(ct);
        var rows = await reads.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var procedures = rows.Select(r => NationalCode(r.Purpose)).OfType<string>().Distinct().ToList();
        var procedureNames = await db.Set<CatalogueProcedureRecord>().AsNoTracking().Where(p => procedures.Contains(p.Code)).ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        var agencies = rows.Select(r => rights.ClientAgency(r.ClientId)?.Value).OfType<string>().Distinct().ToList();
        var agencyNames = await db.Set<CatalogueAgencyRecord>().AsNoTracking().Where(a => agencies.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        var items = rows.Select(r =>
        {
            var agency = rights.ClientAgency(r.ClientId)?.Value;
            var procedure = NationalCode(r.Purpose);
            return new DataAccessEntry(
                r.ExchangeId, r.OccurredAt, r.Service, DataAccessSources.NameOf(r.Service), r.Operation, r.ClientId,
                agency, agency is not null && agencyNames.TryGetValue(agency, out var agencyName) ? agencyName : null,
                r.OfficerId, r.Purpose,
                procedure is not null && procedureNames.TryGetValue(procedure, out var procedureName) ? procedureName : null,
                r.Outcome, r.HttpStatus);
        }).ToList();
        return new DataAccessPage(items, page, pageSize, total);
    }

    private static string? NationalCode(string? purpose) =>
        ProcedureCode.TryParse(purpose, out var code) ? code.NationalCode : null;
}

/// <summary>The sources' names as a citizen reads them (Vietnamese; the API carries the code too).</summary>
internal static class DataAccessSources
{
    public const string Dossiers = "dossiers";
    public const string DataAccess = "dataaccess";

    public static string NameOf(string source) => source switch
    {
        "population" => "Cơ sở dữ liệu quốc gia về dân cư",
        "land" => "Cơ sở dữ liệu đất đai",
        "insurance" => "Cơ sở dữ liệu bảo hiểm",
        "civilregistry" => "Cơ sở dữ liệu hộ tịch điện tử",
        "business" => "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp",
        Dossiers => "Hồ sơ thủ tục hành chính (đồng bộ trạng thái)",
        DataAccess => "Báo cáo truy cập dữ liệu cá nhân",
        _ => source,
    };
}
