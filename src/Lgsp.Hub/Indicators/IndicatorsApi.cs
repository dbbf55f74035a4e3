using System.Text.Json;
using System.Text.Json.Serialization;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Indicators;
using Lgsp.Hub.StatusSync.Ingestion;
using Lgsp.Hub.StatusSync.Queries;
using OpenIddict.Abstractions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>GET /api/v1/indicators/766</c> (scope <c>lgsp.indicators.read</c>): an agency's Bộ chỉ số 766 figures for a
/// period, from the incremental counters, within the agencies the client may read dossiers of; JSON or CSV.
/// </summary>
internal static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/indicators/766", (HttpRequest request, Indicator766Queries queries, AccessRightsRegistry rights, CancellationToken ct) =>
                GetAsync(request, queries, rights, ct))
            .WithTags("Indicators")
            .RequireScope(HubScopes.IndicatorsRead)
            .WithName("GetIndicators766")
            .WithSummary("Bộ chỉ số 766 of an agency and its units for a period (live, from incremental counters)")
            .WithDescription("agency: a QCVN 102 code (canonical or short form); period: 2026, 2026-Q2, 2026-03 or 2026-01..2026-08 (default: this year); format: json (default) or csv. Only dossiers of the client's dossier agencies count; an agency wholly outside them is 403 client.forbidden.")
            .Produces<Indicator766Report>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        // The operators' console (lgsp.admin): the same report over every agency of the hub.
        app.MapGet("/admin/v1/indicators/766", (HttpRequest request, Indicator766Queries queries, CancellationToken ct) =>
                GetAsync(request, queries, null, ct))
            .WithTags("Indicators")
            .RequireScope(HubScopes.Admin)
            .WithName("GetIndicators766ForOperators")
            .WithSummary("Bộ chỉ số 766 for operators: any agency, same parameters and answer as /api/v1/indicators/766")
            .Produces<Indicator766Report>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <param name="rights">The clients' rights, which scope the answer; null for operators, who see every agency.</param>
    private static async Task<IResult> GetAsync(HttpRequest request, Indicator766Queries queries, AccessRightsRegistry? rights, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        AgencyCode agency = default;
        if (!AgencyCode.TryParse(request.Query["agency"].ToString(), out agency, out var agencyError))
        {
            errors.Add(ErrorCatalogue.InvalidAgencyCode, agencyError.WithField("agency"));
        }

        var periodText = request.Query["period"].ToString();
        var period = default(Indicator766Period);
        if (periodText.Length == 0)
        {
            var year = Lgsp.Core.Time.VietnamTime.Today(request.HttpContext.RequestServices.GetRequiredService<TimeProvider>()).Year;
            Indicator766Period.TryParse(year.ToString(System.Globalization.CultureInfo.InvariantCulture), out period, out _);
        }
        else if (!Indicator766Period.TryParse(periodText, out period, out var periodError))
        {
            errors.Add(periodError!);
        }

        var format = request.Query["format"].ToString();
        if (format is not ("" or "json" or "csv"))
        {
            errors.Add(new FieldError("format", "query.one_of", "Tham số format là json hoặc csv.", "The parameter format is json or csv."));
        }

        errors.ThrowIfAny();
        var client = request.HttpContext.User.GetClaim(OpenIddictConstants.Claims.ClientId) ?? request.HttpContext.User.GetPresenters().FirstOrDefault();
        var scope = rights is null ? new DossierScope([agency]) : new DossierScope(rights.DossierAgencies(client));
        if (!scope.Reaches(agency.ShortForm))
        {
            var error = new FieldError("agency", "indicators.agency_out_of_scope",
                "Cơ quan này nằm ngoài các cơ quan mà ứng dụng được xem hồ sơ.", "This agency is outside the agencies whose dossiers the client may read.");
            throw new LgspException(ErrorCatalogue.Forbidden, error.Message, [error]);
        }

        var report = await queries.ReportAsync(agency, period!, scope, ct);
        if (format == "csv")
        {
            var name = $"chi-so-766-{agency.ShortForm}-{period!.Label.Replace("..", "_", StringComparison.Ordinal)}.csv";
            return Results.File(Indicator766Csv.Write(report), "text/csv; charset=utf-8", name);
        }

        return Results.Json(report, IndicatorsJsonContext.Default.Indicator766Report);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Indicator766Report))]
internal sealed partial class IndicatorsJsonContext : JsonSerializerContext;
