using Lgsp.Hub.Errors;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Operations;
using Lgsp.Hub.Operations.Maintenance;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>/admin/v1/maintenance</c> (scope <c>lgsp.admin</c>): maintenance of the whole hub (<c>hub</c>) or of one agency's
/// clients (its code), versioned like the other settings; and the gate that answers callers 503 <c>hub.maintenance</c>
/// with <c>Retry-After</c> while a window is in force.
/// </summary>
internal static class MaintenanceApi
{
    public const string Path = "/admin/v1/maintenance";

    public static IEndpointRouteBuilder MapMaintenanceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags("Operations").RequireScope(HubScopes.Admin)
            .WithRequestBodyLimit(OperationsOptions.MaxRequestBodyKey, OperationsOptions.DefaultMaxRequestBodyBytes)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("", (MaintenanceControl control) => Results.Ok(control.List()))
            .WithName("ListMaintenance").WithSummary("The hub's maintenance window and every agency's, with whether each is in force now")
            .Produces<IReadOnlyList<MaintenanceView>>();

        api.MapGet("/{scope}", (string scope, MaintenanceControl control, HttpContext http) =>
                { var view = control.View(scope); return VersionedResults.Versioned(http, view, view.Version); })
            .WithName("GetMaintenance").WithSummary("One window: 'hub' or an agency code; ETag = version")
            .Produces<MaintenanceView>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapPost("/{scope}/on", (string scope, MaintenanceOnRequest body, MaintenanceControl control, HttpContext http, CancellationToken ct) =>
                VersionedResults.Write(http, version => control.OnAsync(scope, version, body, VersionedResults.Actor(http.User), ct), v => v.Version))
            .WithName("MaintenanceOn")
            .WithSummary("Into maintenance until a time: { reason, messageVi, messageEn, until }, If-Match")
            .WithDescription("While in force, lookups and writes of the clients in scope answer 503 hub.maintenance with Retry-After until the end; for the whole hub, status-sync deliveries wait without counting attempts. Ends by itself at 'until'.")
            .Produces<MaintenanceView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        api.MapPost("/{scope}/off", (string scope, MaintenanceOffRequest body, MaintenanceControl control, HttpContext http, CancellationToken ct) =>
                VersionedResults.Write(http, version => control.OffAsync(scope, version, body.Reason, VersionedResults.Actor(http.User), ct), v => v.Version))
            .WithName("MaintenanceOff").WithSummary("Out of maintenance now: { reason }, If-Match")
            .Produces<MaintenanceView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        api.MapGet("/{scope}/history", async (string scope, MaintenanceControl control, CancellationToken ct) => Results.Ok(await control.HistoryAsync(scope, ct)))
            .WithName("MaintenanceHistory").WithSummary("Every version, newest first: on/off, who, when, why, what changed")
            .Produces<MaintenanceHistory>().ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>
    /// The gate, after authentication: a call under <c>/api/v1</c> while the hub's window, or its client's agency's, is
    /// in force is answered 503 <c>hub.maintenance</c> with the operators' message and <c>Retry-After</c> until the end,
    /// before anything else runs (no lookup, no write, no quota counted).
    /// </summary>
    public static WebApplication UseLgspMaintenance(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api/v1")
                && context.RequestServices.GetRequiredService<HubMaintenance>() is var maintenance
                && maintenance.ForClient(ClientOf(context)) is { } active)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = active.RetryAfter;
                var refusal = active.ToException();
                await ProblemDetailsMapper.WriteAsync(context, refusal.Error, refusal.Detail);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static string? ClientOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.GetClaim(Claims.ClientId) ?? context.User.GetPresenters().FirstOrDefault() : null;
}
