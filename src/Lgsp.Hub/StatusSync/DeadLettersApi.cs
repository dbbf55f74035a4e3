using Lgsp.Core.Errors;
using Lgsp.Core.StatusSync;
using Lgsp.Hub.Identity;
using Lgsp.Hub.StatusSync;
using Lgsp.Hub.StatusSync.Ingestion;
using Lgsp.Hub.StatusSync.Outbox;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The operators' view of the status sync's dead letters (<c>/admin/v1</c>, scope <c>lgsp.admin</c>): events parked
/// after their delivery failed for good — by the relay, or by the Kafka consumer — and their replay. The same store
/// serves both transports (<see cref="DossierDeadLetters"/>); a replay puts the event back at the head of its
/// dossier's queue, and the events that waited behind it follow in order. Bodies are not listed: they carry personal
/// data and an operator needs the reason, not the content.
/// </summary>
internal static class DeadLettersApi
{
    public const string Path = "/admin/v1/dead-letters";
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags("Status sync administration").RequireScope(HubScopes.Admin);

        api.MapGet("", (HttpRequest request, DossierDeadLetters deadLetters, CancellationToken ct) => ListAsync(request, deadLetters, ct))
            .WithName("ListDeadLetters")
            .WithSummary("Dossier events parked as dead letters, oldest first (paged)")
            .WithDescription("Optional destination (dvcqg | provincial); resume with after = the previous page's next (limit 1–500, default 50). A dossier with a dead letter holds its later events until the dead letter is replayed.")
            .Produces<DeadLetterPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/{id}/replay", (string id, DossierDeadLetters deadLetters, CancellationToken ct) => ReplayAsync(id, deadLetters, ct))
            .WithName("ReplayDeadLetter")
            .WithSummary("Deliver a dead letter again (it goes first, the events that waited behind it follow)")
            .WithDescription("The id is the event id (eventId in the list). Attempts start again from zero. 404 when no dead letter has this id (already replayed, or never parked).")
            .Produces<DeadLetterReplayed>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, DossierDeadLetters deadLetters, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var destination = request.Query["destination"].ToString();
        if (destination.Length > 0 && !SyncSides.All.Contains(destination))
        {
            errors.Add(new FieldError("destination", "destination.unknown",
                $"Nơi nhận phải là một trong: {string.Join(", ", SyncSides.All)}.", $"The destination is one of: {string.Join(", ", SyncSides.All)}."));
        }

        var after = StatusSyncApi.Number(request, "after", 0, 0, long.MaxValue, errors);
        var limit = (int)StatusSyncApi.Number(request, "limit", DefaultLimit, 1, MaxLimit, errors);
        errors.ThrowIfAny();

        // One more than asked tells whether another page follows.
        var found = await deadLetters.ListAsync(destination.Length == 0 ? null : destination, limit + 1, ct, after);
        var page = found.Take(limit).Select(d => new DeadLetterView(
            d.Id, d.EventId, d.DossierCode, d.Destination, d.Type, d.IdempotencyKey, d.DeadAt, d.Reason, d.Attempts)).ToList();
        return Results.Json(new DeadLetterPage(page, found.Count > limit ? page[^1].Position : null), StatusSyncJson.TypeInfo<DeadLetterPage>());
    }

    private static async Task<IResult> ReplayAsync(string id, DossierDeadLetters deadLetters, CancellationToken ct)
    {
        if (!Guid.TryParseExact(id, "D", out var eventId))
        {
            var format = new FieldError("id", "dead_letter.id_format",
                "Mã sự kiện gửi lỗi là mã sự kiện (eventId) dạng GUID, ví dụ 3f2504e0-4f89-11d3-9a0c-0305e82c3301.",
                "A dead letter's id is its event id (eventId), a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.");
            throw new LgspException(ErrorCatalogue.ValidationFailed, format.Message, [format]);
        }

        if (!await deadLetters.ReplayAsync(eventId, ct))
        {
            var missing = new FieldError("id", "dead_letter.not_found",
                "Không có sự kiện gửi lỗi nào với mã này (có thể đã được gửi lại).", "No dead letter has this id (it may have been replayed already).");
            throw new LgspException(ErrorCatalogue.NotFound, missing.Message, [missing]);
        }

        return Results.Json(new DeadLetterReplayed(eventId, "replayed"), StatusSyncJson.TypeInfo<DeadLetterReplayed>(), statusCode: StatusCodes.Status202Accepted);
    }
}

/// <summary>One page of dead letters; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
internal sealed record DeadLetterPage(IReadOnlyList<DeadLetterView> Items, long? Next);

/// <summary>A parked event as an operator sees it (no body: it carries personal data).</summary>
internal sealed record DeadLetterView(
    long Position, Guid EventId, string DossierCode, string Destination, string Type, string IdempotencyKey,
    DateTimeOffset DeadAt, string Reason, int Attempts);

/// <summary>The answer to a replay.</summary>
internal sealed record DeadLetterReplayed(Guid EventId, string State);
