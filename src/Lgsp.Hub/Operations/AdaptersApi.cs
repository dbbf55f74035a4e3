using Lgsp.Hub.Errors;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Operations;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>/admin/v1/adapters</c> (scope <c>lgsp.admin</c>): the adapters with their live state, their settings, and the
/// changes operators make to them. Every write names the version it was made on (<c>If-Match</c>, the <c>ETag</c> of a
/// read) and a reason; the answer carries the new version's <c>ETag</c>.
/// </summary>
internal static class AdaptersApi
{
    public const string Path = "/admin/v1/adapters";

    public static IEndpointRouteBuilder MapAdaptersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Path).WithTags("Operations").RequireScope(HubScopes.Admin)
            .WithRequestBodyLimit(Lgsp.Hub.Operations.OperationsOptions.MaxRequestBodyKey, Lgsp.Hub.Operations.OperationsOptions.DefaultMaxRequestBodyBytes)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("", (AdapterControl control) => Results.Ok(control.List()))
            .WithName("ListAdapters").WithSummary("Every adapter: on or off, the version in force, its circuit, error rate and latency")
            .Produces<IReadOnlyList<AdapterSummary>>();

        api.MapGet("/{source}", (string source, AdapterControl control, HttpContext http) => Answer(http, control.View(source)))
            .WithName("GetAdapter").WithSummary("One adapter's settings in force (secret names only, never values) and live state; ETag = version")
            .Produces<AdapterView>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapMethods("/{source}", [HttpMethods.Patch], async (string source, SettingsChangeRequest body, AdapterControl control, HttpContext http, CancellationToken ct) =>
                await Write(http, source, version => control.ChangeAsync(source, version, body.Changes, body.Reason, VersionedResults.Actor(http.User), ct)))
            .WithName("ChangeAdapter")
            .WithSummary("Change settings: a JSON merge patch of settings (null removes), a reason, If-Match: the version edited")
            .WithDescription("Validated like the configuration at start (plus unknown keys, value types and the base-URL host allowlist); refused whole with every error; 409 when the adapter moved on; 428 without If-Match. In force here at once and at every instance within the poll interval; calls in flight finish on the settings they started with.")
            .Produces<AdapterView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status428PreconditionRequired);

        api.MapPost("/{source}/disable", async (string source, ReasonRequest body, AdapterControl control, HttpContext http, CancellationToken ct) =>
                await Write(http, source, version => control.SetEnabledAsync(source, version, false, body.Reason, VersionedResults.Actor(http.User), ct)))
            .WithName("DisableAdapter").WithSummary("Switch an adapter off for maintenance: callers get 503 hub.source_disabled, nothing is sent")
            .Produces<AdapterView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{source}/enable", async (string source, ReasonRequest body, AdapterControl control, HttpContext http, CancellationToken ct) =>
                await Write(http, source, version => control.SetEnabledAsync(source, version, true, body.Reason, VersionedResults.Actor(http.User), ct)))
            .WithName("EnableAdapter").WithSummary("Switch an adapter back on")
            .Produces<AdapterView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{source}/rollback", async (string source, RollbackRequest body, AdapterControl control, HttpContext http, CancellationToken ct) =>
                await Write(http, source, version => control.RollbackAsync(source, version, body.ToVersion, body.Reason, VersionedResults.Actor(http.User), ct)))
            .WithName("RollBackAdapter").WithSummary("A new version with exactly the settings of an earlier one (0: back to the configuration files)")
            .Produces<AdapterView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/{source}/history", async (string source, AdapterControl control, CancellationToken ct) => Results.Ok(await control.HistoryAsync(source, ct)))
            .WithName("AdapterHistory").WithSummary("Every version, newest first, with who, when, why and what changed; version 0 is the files")
            .Produces<AdapterHistory>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{source}/versions/{version:int}", async (string source, int version, AdapterControl control, CancellationToken ct) =>
                Results.Ok(await control.VersionAsync(source, version, ct)))
            .WithName("AdapterVersion").WithSummary("The settings of one version")
            .Produces<AdapterVersionView>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{source}/test", async (string source, ConnectivityRequest? body, AdapterControl control, CancellationToken ct) =>
                Results.Ok(await control.TestAsync(source, body?.BaseUrl, ct)))
            .WithName("TestAdapter").WithSummary("Does the upstream (or a candidate base URL, under the same allowlist) answer at all?")
            .Produces<ConnectivityResult>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static IResult Answer(HttpContext http, AdapterView view) => VersionedResults.Versioned(http, view, view.Version);

    private static Task<IResult> Write(HttpContext http, string source, Func<int, Task<AdapterView>> write) =>
        VersionedResults.Write(http, write, view => view.Version);
}
