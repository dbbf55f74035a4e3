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
internal static class StatusSyncApi
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

        api.MapGet("/dossiers/changes", (HttpRequest request, DossierQueries queries, AccessRightsRegistry rights, CancellationToken ct) =>
                ChangesAsync(request, queries, ScopeOf(request.HttpContext, rights), ct))
            .WithName("GetDossierChanges")
            .WithSummary("The ordered change feed: events after a cursor")
            .WithDescription("Resume with after = the previous page's next. Positions are given only to committed changes, in commit order, so a cursor never skips one. Only dossiers of the client's agencies (its access rights' dossierAgencies) are on its feed.")
            .Produces<ChangePage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/dossiers/{code}", (HttpContext http, string code, DossierQueries queries, AccessRightsRegistry rights, CancellationToken ct) =>
                GetAsync(code, queries, ScopeOf(http, rights), ct))
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

    private static async Task<IResult> UpsertAsync(HttpContext http, DossierIngestion ingestion, StatusSyncOptions options, string source)
    {
        var (body, idempotency) = await ReadAsync(http, options);
        var errors = new ValidationErrors();
        var input = Deserialize<DossierInput>(body, errors);
        var dossier = input is null ? null : DossierInputReader.ReadDossier(input, "", errors);
        CheckProcedure(http, dossier, "", errors);
        errors.ThrowIfAny();
        return Answer(http, await ingestion.IngestAsync(
            new IngestionRequest(source, [new UpsertDossier(dossier!, "")], IngestionShape.Dossier, idempotency), http.RequestAborted));
    }

    private static async Task<IResult> AppendStepsAsync(HttpContext http, string code, DossierIngestion ingestion, StatusSyncOptions options)
    {
        var (body, idempotency) = await ReadAsync(http, options);
        var errors = new ValidationErrors();
        var dossierCode = DossierInputReader.ReadCode(code, "code", errors);
        var input = Deserialize<StepsInput>(body, errors);
        var steps = input is null ? [] : DossierInputReader.ReadSteps(input.Steps, "/steps", options.MaxStepsPerRequest, errors);
        errors.ThrowIfAny();
        return Answer(http, await ingestion.IngestAsync(
            new IngestionRequest(SyncSides.Provincial, [new AppendSteps(dossierCode!.Value, steps, "/steps", "code")], IngestionShape.Steps, idempotency),
            http.RequestAborted));
    }

    /// <summary>
    /// Refused whole only for what concerns the batch itself (no body, malformed JSON around the items, no items, too
    /// many, a bad key); each item is then read on its own (its JSON, its structure) and an unreadable item answers
    /// with its own problem while the others go on (<see cref="DossierIngestion"/>).
    /// </summary>
    private static async Task<IResult> BatchAsync(HttpContext http, DossierIngestion ingestion, StatusSyncOptions options)
    {
        var (body, idempotency) = await ReadAsync(http, options);
        var errors = new ValidationErrors();
        var input = Deserialize<BatchEnvelope>(body, errors);
        var commands = new List<IngestionCommand>();
        var failures = new Dictionary<int, ItemReadFailure>();
        var count = 0;
        if (input is not null)
        {
            if (input.Items is not { Count: > 0 } items)
            {
                errors.Add(IngestionErrors.BatchEmpty);
            }
            else if (items.Count > options.MaxBatchItems)
            {
                errors.Add(IngestionErrors.BatchTooLarge(options.MaxBatchItems));
            }
            else
            {
                count = items.Count;
                for (var i = 0; i < items.Count; i++)
                {
                    var pointer = "/items/" + i.ToString(CultureInfo.InvariantCulture);
                    var itemErrors = new ValidationErrors();
                    var command = ReadItem(items[i], pointer, options, itemErrors, out var code);
                    CheckProcedure(http, (command as UpsertDossier)?.Dossier, pointer + "/dossier", itemErrors);
                    if (itemErrors.ToException() is { } failure)
                    {
                        failures[i] = new ItemReadFailure(code, failure);
                    }
                    else if (command is not null)
                    {
                        commands.Add(command with { Index = i });
                    }
                }
            }
        }

        errors.ThrowIfAny();
        return Answer(http, await ingestion.IngestAsync(
            new IngestionRequest(SyncSides.Provincial, commands, IngestionShape.Batch, idempotency)
            {
                ItemCount = count,
                ReadFailures = failures,
                English = ProblemDetailsMapper.PrefersEnglish(http.Request),
            },
            http.RequestAborted));
    }

    /// <summary>A dossier's national procedure code must be in the catalogue's copy (once there is one): <c>client.unknown_procedure</c>.</summary>
    private static void CheckProcedure(HttpContext http, Dossier? dossier, string prefix, ValidationErrors errors)
    {
        var catalogue = http.RequestServices.GetRequiredService<Lgsp.Hub.Catalogue.ProcedureCatalogue>();
        if (dossier?.Procedure.NationalCode is { } code && !string.IsNullOrEmpty(code.Value) && !catalogue.Accepts(code))
        {
            errors.Add(ErrorCatalogue.UnknownProcedure, Lgsp.Hub.Catalogue.ProcedureCatalogue.UnknownProcedureField.WithField(prefix + "/procedure/nationalCode"));
        }
    }

    /// <summary>One batch item from its JSON; <paramref name="code"/> is its dossier's code when that much could be read.</summary>
    private static IngestionCommand? ReadItem(JsonElement element, string pointer, StatusSyncOptions options, ValidationErrors errors, out string? code)
    {
        code = null;
        BatchItemInput? item;
        try
        {
            item = element.Deserialize(StatusSyncJson.TypeInfo<BatchItemInput>());
        }
        catch (JsonException ex)
        {
            errors.Add(IngestionErrors.Json(pointer + Pointer(ex.Path), ex.Message));
            return null;
        }

        switch (item)
        {
            case { Dossier: { } dossier, Progress: null }:
                code = CodeOf(dossier.Code);
                var read = DossierInputReader.ReadDossier(dossier, pointer + "/dossier", errors);
                return read is null ? null : new UpsertDossier(read, pointer + "/dossier");
            case { Dossier: null, Progress: { } progress }:
                code = CodeOf(progress.DossierCode);
                var dossierCode = DossierInputReader.ReadCode(progress.DossierCode, pointer + "/progress/dossierCode", errors);
                var steps = DossierInputReader.ReadSteps(progress.Steps, pointer + "/progress/steps", options.MaxStepsPerRequest, errors);
                return dossierCode is { } c ? new AppendSteps(c, steps, pointer + "/progress/steps", pointer + "/progress/dossierCode") : null;
            default:
                errors.Add(IngestionErrors.BatchItemKind.WithField(pointer));
                return null;
        }
    }

    /// <summary>The canonical code when the text is one (else null: an item without a readable code blocks nothing).</summary>
    private static string? CodeOf(string? text) => DossierCode.TryParse(text, out var code, out _) ? code.Value : null;

    private static async Task<IResult> GetAsync(string code, DossierQueries queries, DossierScope scope, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var dossierCode = DossierInputReader.ReadCode(code, "code", errors);
        errors.ThrowIfAny();
        var view = await queries.GetDossierAsync(dossierCode!.Value, scope, ct)
            ?? throw new LgspException(ErrorCatalogue.NotFound, IngestionErrors.DossierNotFound.Message, [IngestionErrors.DossierNotFound.WithField("code")]);
        return Results.Json(view, StatusSyncJson.TypeInfo<DossierView>());
    }

    private static async Task<IResult> ChangesAsync(HttpRequest request, DossierQueries queries, DossierScope scope, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var after = Number(request, "after", 0, 0, long.MaxValue, errors);
        var limit = Number(request, "limit", 100, 1, DossierQueries.MaxPageSize, errors);
        errors.ThrowIfAny();
        return Results.Json(await queries.GetChangesAsync(after, (int)limit, scope, ct), StatusSyncJson.TypeInfo<ChangePage>());
    }

    private static async Task<IResult> ReconcileAsync(HttpRequest request, DossierQueries queries, DossierScope scope, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        AgencyCode agency = default;
        if (!AgencyCode.TryParse(request.Query["agency"].ToString(), out agency, out var agencyError))
        {
            errors.Add(ErrorCatalogue.InvalidAgencyCode, agencyError.WithField("agency"));
        }

        var from = Date(request, "from", errors);
        var to = Date(request, "to", errors);
        if (from is { } f && to is { } t && t < f)
        {
            errors.Add(new FieldError("to", "period.order", "Ngày kết thúc kỳ phải không trước ngày bắt đầu.", "The end date must not be before the start date."));
        }

        errors.ThrowIfAny();
        return Results.Json(await queries.ReconcileAsync(agency, from!.Value, to!.Value, scope, ct), StatusSyncJson.TypeInfo<ReconciliationReport>());
    }

    /// <summary>The body (bounded) and the idempotency key with the request's hash.</summary>
    private static async Task<(byte[] Body, IdempotencyRequest? Key)> ReadAsync(HttpContext http, StatusSyncOptions options)
    {
        var request = http.Request;
        if (request.ContentLength > options.MaxRequestBytes)
        {
            throw TooLarge(options.MaxRequestBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > options.MaxRequestBytes)
            {
                throw TooLarge(options.MaxRequestBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        if (!request.Headers.TryGetValue(IdempotencyHeader, out var header))
        {
            return (body, null);
        }

        var key = header.ToString();
        if (header.Count != 1 || key.Length is 0 or > 255 || key.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            throw new LgspException(ErrorCatalogue.ValidationFailed, IngestionErrors.IdempotencyKeyFormat.Message, [IngestionErrors.IdempotencyKeyFormat]);
        }

        // The same key with another method, path or body is another request (refused as a reused key).
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes(request.Method + " " + request.Path + "\n"), .. body]);
        return (body, new IdempotencyRequest(Scope(http), key, Convert.ToHexStringLower(hash)));
    }

    /// <summary>The dossiers the calling client may read, from its access rights in force.</summary>
    private static DossierScope ScopeOf(HttpContext http, AccessRightsRegistry rights) => new(rights.DossierAgencies(ClientId(http.User)));

    /// <summary>Idempotency keys are unique per client: two clients may pick the same key.</summary>
    private static string Scope(HttpContext http) => "client:" + (ClientId(http.User) ?? "anonymous");

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

    private static T? Deserialize<T>(byte[] body, ValidationErrors errors)
        where T : class
    {
        if (body.Length == 0)
        {
            errors.Add(IngestionErrors.BodyMissing);
            return null;
        }

        try
        {
            var value = StatusSyncJson.Deserialize<T>(body);
            if (value is null)
            {
                errors.Add(IngestionErrors.BodyMissing);
            }

            return value;
        }
        catch (JsonException ex)
        {
            errors.Add(IngestionErrors.Json(Pointer(ex.Path), ex.Message));
            return null;
        }
    }

    private static IResult Answer(HttpContext http, IngestionResponse response)
    {
        if (response.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return new StoredJson(response.StatusCode, response.Body);
    }

    internal static long Number(HttpRequest request, string name, long fallback, long min, long max, ValidationErrors errors)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(name, "query.range",
            string.Create(CultureInfo.InvariantCulture, $"Tham số {name} phải là số nguyên từ {min} đến {max}."),
            string.Create(CultureInfo.InvariantCulture, $"The parameter {name} is an integer from {min} to {max}.")));
        return fallback;
    }

    private static DateOnly? Date(HttpRequest request, string name, ValidationErrors errors)
    {
        if (DateOnly.TryParseExact(request.Query[name].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new FieldError(name, "query.date",
            $"Tham số {name} là một ngày dạng yyyy-MM-dd (giờ Việt Nam).", $"The parameter {name} is a date as yyyy-MM-dd (Vietnam time)."));
        return null;
    }

    /// <summary><c>$.owner.identifiers[0].value</c> → <c>/owner/identifiers/0/value</c>.</summary>
    private static string Pointer(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var part in path.TrimStart('$').Split(['.', '['], StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append('/').Append(part.TrimEnd(']').Trim('\''));
        }

        return builder.ToString();
    }

    private static LgspException TooLarge(int max)
    {
        var error = new FieldError("", "body.too_large",
            string.Create(CultureInfo.InvariantCulture, $"Nội dung yêu cầu vượt quá {max} byte; hãy chia nhỏ lô."),
            string.Create(CultureInfo.InvariantCulture, $"The request body exceeds {max} bytes; split the batch."));
        return new LgspException(ErrorCatalogue.BodyTooLarge, error.Message, [error]);
    }

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

    /// <summary>An answer already serialised (and possibly stored for replay): status and bytes as they are.</summary>
    private sealed class StoredJson(int statusCode, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }
}
