using System.Globalization;
using System.Security.Claims;
using Lgsp.Core.Errors;
using Lgsp.Hub.Errors;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Operations;
using Lgsp.Hub.Operations.Settings;
using Microsoft.Net.Http.Headers;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

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
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("", (AdapterControl control) => Results.Ok(control.List()))
            .WithName("ListAdapters").WithSummary("Every adapter: on or off, the version in force, its circuit, error rate and latency")
            .Produces<IReadOnlyList<AdapterSummary>>();

        api.MapGet("/{source}", (string source, AdapterControl control, HttpContext http) => Answer(http, control.View(source)))
            .WithName("GetAdapter").WithSummary("One adapter's settings in force (secret names only, never values) and live state; ETag = version")
            .Produces<AdapterView>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapMethods("/{source}", [HttpMethods.Patch], async (string source, AdapterChangeRequest body, AdapterControl control, HttpContext http, CancellationToken ct) =>
                await Write(http, source, version => control.ChangeAsync(source, version, body.Changes, body.Reason, Actor(http.User), ct)))
            .WithName("ChangeAdapter")
            .WithSummary("Change settings: a JSON merge patch of settings (null removes), a reason, If-Match: the version edited")
            .WithDescription("Validated like the configuration at start (plus unknown keys, value types and the base-URL host allowlist); refused whole with every error; 409 when the adapter moved on; 428 without If-Match. In force here at once and at every instance within the poll interval; calls in flight finish on the settings they started with.")
            .Produces<AdapterView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status428PreconditionRequired);

        api.MapPost("/{source}/disable", async (string source, AdapterReasonRequest body, AdapterControl control, HttpContext http, CancellationToken ct) =>
                await Write(http, source, version => control.SetEnabledAsync(source, version, false, body.Reason, Actor(http.User), ct)))
            .WithName("DisableAdapter").WithSummary("Switch an adapter off for maintenance: callers get 503 hub.source_disabled, nothing is sent")
            .Produces<AdapterView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{source}/enable", async (string source, AdapterReasonRequest body, AdapterControl control, HttpContext http, CancellationToken ct) =>
                await Write(http, source, version => control.SetEnabledAsync(source, version, true, body.Reason, Actor(http.User), ct)))
            .WithName("EnableAdapter").WithSummary("Switch an adapter back on")
            .Produces<AdapterView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{source}/rollback", async (string source, AdapterRollbackRequest body, AdapterControl control, HttpContext http, CancellationToken ct) =>
                await Write(http, source, version => control.RollbackAsync(source, version, body.ToVersion, body.Reason, Actor(http.User), ct)))
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

    /// <summary>Who made a change: the operator's user name, or for a machine token its client (the CLI, automation).</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        var client = user.GetClaim(Claims.ClientId) ?? user.GetPresenters().FirstOrDefault();
        var person = user.GetClaim(Claims.PreferredUsername) ?? user.GetClaim(Claims.Name);
        return person is not null ? (client is null ? person : $"{person} ({client})") : client ?? user.GetClaim(Claims.Subject) ?? "unknown";
    }

    private static IResult Answer(HttpContext http, AdapterView view) => Versioned(http, view, view.Version);

    private static Task<IResult> Write(HttpContext http, string source, Func<int, Task<AdapterView>> write) =>
        VersionedWrite(http, write, view => view.Version);

    /// <summary>An answer carrying its version as the ETag.</summary>
    public static IResult Versioned<T>(HttpContext http, T view, int version)
    {
        http.Response.Headers.ETag = ETag(version);
        return Results.Ok(view);
    }

    /// <summary>A write on the version named by If-Match (428 without it); 409 with the current version on a conflict.</summary>
    public static async Task<IResult> VersionedWrite<T>(HttpContext http, Func<int, Task<T>> write, Func<T, int> versionOf)
    {
        var version = IfMatch(http.Request);
        try
        {
            var view = await write(version);
            return Versioned(http, view, versionOf(view));
        }
        catch (VersionConflictException conflict)
        {
            var problem = ProblemDetailsMapper.ToProblemDetails(http, ErrorCatalogue.Conflict,
                $"'{conflict.Document}' is at version {conflict.Current}; this change was made on version {conflict.Expected}. Read it again, then change it.");
            problem.Extensions["currentVersion"] = conflict.Current;
            http.Response.Headers.ETag = ETag(conflict.Current);
            return Results.Problem(problem);
        }
    }

    private static int IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0)
        {
            throw new LgspException(ErrorCatalogue.PreconditionRequired, "Send If-Match with the ETag of what you read (its GET answer).");
        }

        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        text = text.Trim('"');
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            var error = new FieldError("If-Match", "if_match.format", "If-Match phải là ETag của cấu hình đã đọc, ví dụ \"3\".",
                "If-Match must be the ETag of the settings as read, e.g. \"3\".");
            throw new LgspException(ErrorCatalogue.ValidationFailed, error.MessageEn, [error]);
        }

        return version;
    }

    private static string ETag(int version) => new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\"").ToString();
}
