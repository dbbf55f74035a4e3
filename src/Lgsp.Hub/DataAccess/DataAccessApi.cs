using System.Security.Claims;
using Lgsp.Core.Errors;
using Lgsp.Hub.DataAccess;
using Lgsp.Hub.Identity;
using Lgsp.Hub.StatusSync.Ingestion;
using OpenIddict.Abstractions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>GET /api/v1/me/data-access</c>: a person's own report of who read his records through the hub, from his token's
/// personal id (and the enterprise code he acts for, when the token carries one); JSON pages or CSV.
/// </summary>
internal static partial class DataAccessApi
{
    public const string MePath = "/api/v1/me/data-access";

    public static IEndpointRouteBuilder MapDataAccessApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(MePath, (HttpContext http, DataAccessReport report, CancellationToken ct) => MineAsync(http, report, ct))
            .RequireAccessToken()
            .WithName("GetMyDataAccess")
            .WithTags("Data access")
            .WithSummary("Who read my records: every read of the signed-in person's records through the hub, newest first")
            .WithDescription("A person's token only (a citizen's, an organisation's or an official's own); the reads are found by the keyed hash of the token's personal id, as the message log holds it. page (from 1), pageSize (1–500, default 50), format=json|csv.")
            .Produces<DataAccessPage>()
            .Produces(StatusCodes.Status200OK, contentType: DataAccessCsv.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        MapAgencyReport(app);
        return app;
    }

    private static async Task<IResult> MineAsync(HttpContext http, DataAccessReport report, CancellationToken ct)
    {
        var personalId = PersonalIdOf(http.User);
        var query = ReadQuery(http.Request);
        var page = await report.ReadAsync(report.SubjectHashes(personalId, http.User.GetClaim(HubClaims.EnterpriseCode)), query.Page, query.PageSize, ct);
        return Answer(page, query.Csv);
    }

    /// <summary>The personal id of the person the token was issued for; a system's token, or a person without one, is refused.</summary>
    internal static string PersonalIdOf(ClaimsPrincipal user)
    {
        if (user.GetClaim(HubClaims.AccountType) is null)
        {
            throw new LgspException(ErrorCatalogue.Forbidden, new(
                "Báo cáo truy cập dữ liệu cá nhân chỉ dành cho người đã đăng nhập (mã truy cập của một người, không phải của một hệ thống).",
                "The personal data access report is for a signed-in person (a person's access token, not a system's)."));
        }

        return user.GetClaim(HubClaims.PersonalId) is { Length: > 0 } personalId
            ? personalId
            : throw new LgspException(ErrorCatalogue.Forbidden, new(
                "Tài khoản này không gắn với số định danh cá nhân nào: đăng nhập bằng tài khoản định danh điện tử (VNeID) để xem báo cáo.",
                "This account has no personal id: sign in with the national identity (VNeID) to see the report."));
    }

    internal static (int Page, int PageSize, bool Csv) ReadQuery(HttpRequest request)
    {
        var errors = new ValidationErrors();
        var page = StatusSyncApi.Number(request, "page", 1, 1, 1_000_000, errors);
        var size = StatusSyncApi.Number(request, "pageSize", 50, 1, DataAccessReport.MaxPageSize, errors);
        var format = request.Query["format"].ToString();
        if (format is not ("" or "json" or "csv"))
        {
            errors.Add(new FieldError("format", "query.format", "Tham số format là json hoặc csv.", "The parameter format is json or csv."));
        }

        errors.ThrowIfAny();
        return ((int)page, (int)size, format == "csv");
    }

    internal static IResult Answer(DataAccessPage page, bool csv) =>
        csv ? Results.File(DataAccessCsv.Write(page), DataAccessCsv.ContentType, "truy-cap-du-lieu.csv") : Results.Ok(page);
}
