using Lgsp.Sandbox.Control.Faults;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The fault switches: a test sets, reads and resets the behaviour of a stand-in over HTTP.</summary>
internal static class FaultApi
{
    public static IServiceCollection AddFaultSwitches(this IServiceCollection services)
    {
        services.AddSingleton<FaultSwitchboard>();
        return services;
    }

    /// <summary>Puts the switches in front of the stand-ins; call before mapping them.</summary>
    public static WebApplication UseFaultSwitches(this WebApplication app)
    {
        app.UseMiddleware<FaultMiddleware>();
        return app;
    }

    public static RouteGroupBuilder MapFaultApi(this RouteGroupBuilder group)
    {
        group.MapGet("/faults", (FaultSwitchboard board) =>
            Results.Ok(board.StandIns.OrderBy(s => s.Source, StringComparer.Ordinal).Select(s => board.Status(s.Source))));

        group.MapGet("/faults/{source}", (string source, FaultSwitchboard board) =>
            board.Find(source) is null ? UnknownSource(source, board) : Results.Ok(board.Status(source)));

        group.MapPut("/faults/{source}", (string source, FaultSettings settings, FaultSwitchboard board) =>
        {
            if (board.Find(source) is not { } standIn)
            {
                return UnknownSource(source, board);
            }

            var errors = settings.Validate(standIn);
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["fault"] = [.. errors] });
            }

            board.Set(source, settings);
            return Results.Ok(board.Status(source));
        });

        group.MapDelete("/faults/{source}", (string source, FaultSwitchboard board) =>
        {
            if (board.Find(source) is null)
            {
                return UnknownSource(source, board);
            }

            board.Reset(source);
            return Results.NoContent();
        });

        // Where a redirect fault points: counts whoever follows (any method), answers an empty success.
        group.Map("/redirected/{source}/{**rest}", (string source, FaultSwitchboard board) =>
        {
            if (board.Find(source) is null)
            {
                return UnknownSource(source, board);
            }

            board.OnRedirectFollowed(source);
            return Results.Ok(new { });
        });

        group.MapDelete("/faults", (FaultSwitchboard board) =>
        {
            board.ResetAll();
            return Results.NoContent();
        });
        return group;
    }

    private static IResult UnknownSource(string source, FaultSwitchboard board) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such stand-in",
        detail: $"'{source}' is not a stand-in of this sandbox; known: {string.Join(", ", board.StandIns.Select(s => s.Source).Order(StringComparer.Ordinal))}.");
}
