using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Core.Dossiers;
using Lgsp.Core.Errors;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Errors;
using Lgsp.Hub.Identity;
using Lgsp.Hub.StatusSync;
using Lgsp.Hub.StatusSync.Ingestion;
using Lgsp.Hub.StatusSync.Queries;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OpenIddict.Abstractions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The dossier status sync API (issue #5). Every endpoint needs a hub access token with <c>lgsp.dossier.sync</c>;
/// writes are also bound to a side: the provincial one-stop system's clients send dossiers and steps, the national
/// portal's clients send dossiers submitted on DVCQG (<see cref="StatusSyncOptions.ClientsOf"/>), and never overwrite
/// a dossier the province received; both read the dossiers of the agencies their access rights name. Every
/// error is a catalogue ProblemDetails naming each offending field: JSON pointers into the body
/// (<c>/owner/identifiers/0/value</c>), bare names for route and query parameters (<c>code</c>, <c>after</c>),
/// <c>header:Idempotency-Key</c> for the header.
/// </summary>
internal static partial class StatusSyncApi
{
    private const string Tag = "Status sync";
    private const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapStatusSyncApi(this IEndpointRouteBuilder app)
    {
        // Bodies are capped before they are read (Errors/RequestBodyLimits.cs), chunked ones included: 413 client.body_too_large.
        var api = app.MapGroup("/api/v1").WithTags(Tag).RequireScope(HubScopes.DossierSync)
            .WithRequestBodyLimit(StatusSyncOptions.SectionName + ":" + nameof(StatusSyncOptions.MaxRequestBytes), new StatusSyncOptions().MaxRequestBytes);

        api.MapPost("/dossiers", (HttpContext http, DossierIngestion ingestion, IOptions<StatusSyncOptions> options) =>
                UpsertAsync(http, ingestion, options.Value, SyncSides.Provincial))
            .WithName("UpsertDossier")
            .SentBy(SyncSides.Provincial)
            .WithSummary("Create or update a dossier from the provincial one-stop system (DongBoHoSoMC)")
            .WithDescription("Stores the dossier and its event for DVCQG in one transaction. The same content again changes nothing and gets the same answer.")
            .Accepts<DossierInput>("application/json")
            .Produces<DossierAccepted>(StatusCodes.Status201Created)
            .Produces<DossierAccepted>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer(DescribeIdempotencyKey);

        api.MapPost("/dossiers/{code}/steps", (HttpContext http, string code, DossierIngestion ingestion, IOptions<StatusSyncOptions> options) =>
                AppendStepsAsync(http, code, ingestion, options.Value))
            .WithName("AppendDossierSteps")
            .SentBy(SyncSides.Provincial)
            .WithSummary("Append processing steps of a dossier (CapNhatTienDoHoSoMC)")
            .WithDescription("A step whose (dossier, seq) is already stored with the same content is absorbed; with other content it is refused (409 client.dossier_step_conflict).")
            .Accepts<StepsInput>("application/json")
            .Produces<StepsAccepted>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer(DescribeIdempotencyKey);

        api.MapPost("/dossiers:batch", (HttpContext http, DossierIngestion ingestion, IOptions<StatusSyncOptions> options) =>
                BatchAsync(http, ingestion, options.Value))
            .WithName("IngestDossierBatch")
            .SentBy(SyncSides.Provincial)
            .WithSummary("Dossiers and steps in one batch, applied in order, each item answering for itself")
            .WithDescription("One transaction; never all or nothing. Each item gets its own result: its status and answer, or its ProblemDetails (problem) when it was refused, and then nothing of it was written. One bad item does not block the others, except the later items of its own dossier, which fail with 424 client.batch_item_dependency_failed (the dossier's order holds). The batch answers 200 whenever it could be read; it is refused whole (400) only when it is not a batch (no body, malformed, no items, more than MaxBatchItems).")
            .Accepts<BatchInput>("application/json")
            .Produces<BatchAccepted>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer(DescribeIdempotencyKey);

        api.MapPost("/national/dossiers", (HttpContext http, DossierIngestion ingestion, IOptions<StatusSyncOptions> options) =>
                UpsertAsync(http, ingestion, options.Value, SyncSides.Dvcqg))
            .WithName("UpsertNationalDossier")
            .SentBy(SyncSides.Dvcqg)
            .WithSummary("A dossier submitted on the national portal (DVCQG), for the provincial one-stop system")
            .WithDescription("Validated and stored like a provincial dossier; its event goes to the provincial destination.")
            .Accepts<DossierInput>("application/json")
            .Produces<DossierAccepted>(StatusCodes.Status201Created)
            .Produces<DossierAccepted>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer(DescribeIdempotencyKey);

        api.MapGet("/dossiers/changes", (HttpRequest request, DossierQueries queries, AccessRightsRegistry rights, Lgsp.Hub.DataAccess.DossierReadRecorder recorder, CancellationToken ct) =>
                ChangesAsync(request, queries, ScopeOf(request.HttpContext, rights), recorder, ct))
            .WithName("GetDossierChanges")
            .WithSummary("The ordered change feed: events after a cursor")
            .WithDescription("Resume with after = the previous page's next. Positions are given only to committed changes, in commit order, so a cursor never skips one. Only dossiers of the client's agencies (its access rights' dossierAgencies) are on its feed.")
            .Produces<ChangePage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/dossiers/{code}", (HttpContext http, string code, DossierQueries queries, AccessRightsRegistry rights, Lgsp.Hub.DataAccess.DossierReadRecorder recorder, CancellationToken ct) =>
                GetAsync(http, code, queries, ScopeOf(http, rights), recorder, ct))
            .WithName("GetDossier")
            .WithSummary("A dossier's current status, history and sync state (by code or MaHoSoKhac alias)")
            .WithDescription("Only a dossier of the client's agencies (its access rights' dossierAgencies, each covering its units); any other is 404 client.not_found, as an unknown code.")
            .Produces<DossierView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/reconciliation", (HttpRequest request, DossierQueries queries, AccessRightsRegistry rights, CancellationToken ct) =>
                ReconcileAsync(request, queries, ScopeOf(request.HttpContext, rights), ct))
            .WithName("GetReconciliation")
            .WithSummary("766 sync rate: dossiers received by an agency (and its units) in a period, and those not yet on DVCQG")
            .Produces<ReconciliationReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    private static string? ClientId(System.Security.Claims.ClaimsPrincipal user) =>
        user.GetClaim(OpenIddictConstants.Claims.ClientId) ?? user.GetPresenters().FirstOrDefault();

    /// <summary>Only the clients configured for <paramref name="side"/> may send its changes (checked after the scope).</summary>
    private static RouteHandlerBuilder SentBy(this RouteHandlerBuilder builder, string side) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var allowed = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<StatusSyncOptions>>().CurrentValue.ClientsOf(side);
            var client = ClientId(context.HttpContext.User);
            if (!allowed.Contains("*") && (client is null || !allowed.Contains(client)))
            {
                var error = side == SyncSides.Dvcqg
                    ? new FieldError("", "sync_side.not_national",
                        "Chỉ Cổng DVCQG mới được gửi hồ sơ nộp trên Cổng DVCQG.", "Only the national portal may send dossiers submitted on the national portal.")
                    : new FieldError("", "sync_side.not_provincial",
                        "Chỉ hệ thống một cửa điện tử của tỉnh mới được gửi hồ sơ và tiến độ xử lý.", "Only the provincial one-stop system may send dossiers and their progress.");
                throw new LgspException(ErrorCatalogue.Forbidden, error.Message, [error]);
            }

            return await next(context);
        });

    private static Task DescribeIdempotencyKey(OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Optional. A retry with the same key and body gets the stored answer (Idempotent-Replayed: true); the same key with another body is refused (422 client.idempotency_key_reused). Kept for StatusSync:IdempotencyRetention.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
        });
        return Task.CompletedTask;
    }
}
