using System.Security.Cryptography;
using Lgsp.Core.Errors;
using Lgsp.Hub.Catalogue;
using Lgsp.Hub.DataAccess;
using Lgsp.Hub.Gateway;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.Identity;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>GET /api/v1/citizens/{personalId}/data-access</c>: an agency's view of the same report for one citizen, as a
/// population lookup is made: scope <c>lgsp.population.read</c>, the client's population right, a stated purpose
/// (<c>X-Lgsp-Purpose</c>, checked against the catalogue and the right) and the official (<c>X-Lgsp-Officer-Id</c>).
/// The access is recorded in the message log under the citizen's keyed hash before the answer leaves, so it appears in
/// the citizen's own report.
/// </summary>
internal static partial class DataAccessApi
{
    public const string AgencyPath = "/api/v1/citizens/{personalId}/data-access";
    public const string AgencyOperation = "XemNhatKyTruyCap";

    private static void MapAgencyReport(IEndpointRouteBuilder app) =>
        app.MapGet(AgencyPath, (HttpContext http, string personalId, DataAccessReport report, CancellationToken ct) => ForCitizenAsync(http, personalId, report, ct))
            .RequireScope(HubScopes.PopulationRead)
            .WithName("GetCitizenDataAccess")
            .WithTags("Data access")
            .WithSummary("Who read a citizen's records, for an agency with a purpose; the access is itself recorded")
            .WithDescription("Headers X-Lgsp-Purpose (a procedure the client's population right allows) and X-Lgsp-Officer-Id are required. Same query and answer as /api/v1/me/data-access.")
            .Produces<DataAccessPage>()
            .Produces(StatusCodes.Status200OK, contentType: DataAccessCsv.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> ForCitizenAsync(HttpContext http, string personalId, DataAccessReport report, CancellationToken ct)
    {
        var services = http.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var clientId = LookupExchange.ClientOf(http.User);
        var grant = services.GetRequiredService<AccessRightsRegistry>().RequireService(clientId, "population");

        var key = GatewayInputs.Person(personalId, "personalId", Lgsp.Core.Time.VietnamTime.Today(time));
        var headers = GatewayInputs.Headers(Single(http, GatewayHeaders.Purpose), Single(http, GatewayHeaders.OfficerId), Single(http, GatewayHeaders.RequestId), officerRequired: true);
        var query = ReadQueryOrNull(http.Request, out var queryError);
        List<FieldError> errors = [.. key.Errors, .. headers.Errors, .. queryError];
        if (errors.Count > 0)
        {
            var code = errors.Count == key.Errors.Count ? ErrorCatalogue.InvalidPersonalId : ErrorCatalogue.ValidationFailed;
            throw new LgspException(code, new LocalizedText(string.Join("; ", errors.Select(e => e.MessageVi)), string.Join("; ", errors.Select(e => e.ToString()))), errors);
        }

        services.GetRequiredService<ProcedureCatalogue>().Require(headers.Purpose, GatewayHeaders.Purpose);
        grant.RequirePurpose(headers.Purpose);
        var exchangeId = Guid.CreateVersion7(now);
        http.Response.Headers[GatewayHeaders.ExchangeId] = exchangeId.ToString("D");
        SubjectBinding.Require(http.User, grant, key.Value, headers.OfficerId, exchangeId, services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataAccessApi)));

        var id = key.Value.Value;
        var page = await report.ReadAsync(report.SubjectHashes(id, null), query!.Value.Page, query.Value.PageSize, ct);
        await RecordAsync(http, exchangeId, clientId, headers, id, now, ct);
        return Answer(page, query.Value.Csv);
    }

    /// <summary>The agency's access, in the log under the citizen's keyed hash (answered only once it is stored).</summary>
    private static async Task RecordAsync(HttpContext http, Guid exchangeId, string clientId, LookupHeaders headers, string personalId, DateTimeOffset now, CancellationToken ct)
    {
        var services = http.RequestServices;
        var subjects = services.GetRequiredService<SubjectHasher>();
        var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        Span<byte> requestHash = stackalloc byte[SHA256.HashSizeInBytes];
        CanonicalRequest.Sha256(http.Request, [], requestHash);
        var record = new MessageLogRecord
        {
            InstanceId = options.MessageLog.InstanceId ?? $"{Environment.MachineName}:{Environment.ProcessId}",
            ExchangeId = exchangeId,
            CorrelationId = headers.RequestId ?? exchangeId.ToString("D"),
            OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()),
            ClientId = clientId,
            OfficerId = headers.OfficerId,
            Purpose = headers.Purpose.Value,
            Service = DataAccessSources.DataAccess,
            Operation = AgencyOperation,
            SubjectHash = subjects.Hash("personal_id", personalId),
            RequestDigest = subjects.RequestDigest(exchangeId, requestHash),
            Outcome = LookupGateway.OkOutcome,
            HttpStatus = StatusCodes.Status200OK,
            LatencyMicroseconds = 0,
        };
        await services.GetRequiredService<IMessageLog>().AppendAsync(record, ct);
    }

    private static (int Page, int PageSize, bool Csv)? ReadQueryOrNull(HttpRequest request, out IReadOnlyList<FieldError> errors)
    {
        try
        {
            errors = [];
            return ReadQuery(request);
        }
        catch (LgspException ex)
        {
            errors = ex.FieldErrors;
            return null;
        }
    }

    private static string? Single(HttpContext http, string header) =>
        http.Request.Headers[header] is { Count: > 0 } values ? values[0] : null;
}
