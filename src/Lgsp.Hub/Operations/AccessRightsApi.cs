using Lgsp.Hub.Errors;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Operations;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>/admin/v1/clients/{clientId}/access-rights</c> (scope <c>lgsp.admin</c>): a client's access rights to the national
/// sources, changed at runtime under the same rules as the adapters (If-Match, reason, every error, history, rollback).
/// </summary>
internal static class AccessRightsApi
{
    public const string Path = "/admin/v1/clients/{clientId}/access-rights";

    public static IEndpointRouteBuilder MapAccessRightsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags("Operations").RequireScope(HubScopes.Admin)
            .WithRequestBodyLimit(Lgsp.Hub.Operations.OperationsOptions.MaxRequestBodyKey, Lgsp.Hub.Operations.OperationsOptions.DefaultMaxRequestBodyBytes)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("", (string clientId, AccessRightsControl control, HttpContext http) =>
                { var view = control.View(clientId); return VersionedResults.Versioned(http, view, view.Version); })
            .WithName("GetAccessRights").WithSummary("A client's access rights in force (agency; per source: purposes, fields); ETag = version")
            .Produces<AccessRightsView>();

        api.MapMethods("", [HttpMethods.Patch], (string clientId, SettingsChangeRequest body, AccessRightsControl control, HttpContext http, CancellationToken ct) =>
                VersionedResults.Write(http, version => control.ChangeAsync(clientId, version, body.Changes, body.Reason, VersionedResults.Actor(http.User), ct), v => v.Version))
            .WithName("ChangeAccessRights")
            .WithSummary("Change a client's access rights: a JSON merge patch of accessRights (lists replaced whole, null withdraws), a reason, If-Match")
            .WithDescription("Judged by the gateway's start-up validators (known client, agency code, known sources, national procedure codes, fields of the source's records); refused whole with every error; 409 on a conflict; 428 without If-Match. In force at every instance within the poll interval.")
            .Produces<AccessRightsView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        api.MapPost("/rollback", (string clientId, RollbackRequest body, AccessRightsControl control, HttpContext http, CancellationToken ct) =>
                VersionedResults.Write(http, version => control.RollbackAsync(clientId, version, body.ToVersion, body.Reason, VersionedResults.Actor(http.User), ct), v => v.Version))
            .WithName("RollBackAccessRights").WithSummary("A new version with exactly the rights of an earlier one (0: back to config/access-rights.json)")
            .Produces<AccessRightsView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/history", async (string clientId, AccessRightsControl control, CancellationToken ct) => Results.Ok(await control.HistoryAsync(clientId, ct)))
            .WithName("AccessRightsHistory").WithSummary("Every version, newest first, with who, when, why and what changed; version 0 is the files")
            .Produces<AccessRightsHistory>();
        return app;
    }
}
