using System.Diagnostics;
using Lgsp.Core.Errors;
using Lgsp.Hub.Errors;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ErrorsServiceCollectionExtensions
{
    public static IServiceCollection AddLgspErrors(this IServiceCollection services)
    {
        // The trace id (32 hex digits, W3C) is what operators search for in traces and logs; ASP.NET's default
        // writer would put the whole traceparent there, so it is set again after the defaults are applied.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? c.HttpContext.TraceIdentifier);
        // After ASP.NET's writer, which it only stands in for when the client's Accept admits no JSON.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        services.AddExceptionHandler<LgspExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Exceptions and bare status codes (unknown route, wrong method, 401/403 from authorization) all leave as
    /// catalogue problem details.
    /// </summary>
    public static WebApplication UseLgspErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        // After the handler, so a body over its endpoint's limit leaves as client.body_too_large (413).
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseStatusCodePages(async context =>
        {
            var error = context.HttpContext.Response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => ErrorCatalogue.Unauthenticated,
                StatusCodes.Status403Forbidden => ErrorCatalogue.Forbidden,
                StatusCodes.Status404NotFound => ErrorCatalogue.NotFound,
                StatusCodes.Status405MethodNotAllowed => ErrorCatalogue.ValidationFailed,
                StatusCodes.Status413PayloadTooLarge => ErrorCatalogue.BodyTooLarge,
                StatusCodes.Status415UnsupportedMediaType => ErrorCatalogue.ValidationFailed,
                StatusCodes.Status429TooManyRequests => ErrorCatalogue.RateLimited,
                >= 500 => ErrorCatalogue.Internal,
                _ => ErrorCatalogue.ValidationFailed,
            };
            var status = context.HttpContext.Response.StatusCode;
            var problem = ProblemDetailsMapper.ToProblemDetails(context.HttpContext, error);
            problem.Status = status;
            var writer = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await writer.WriteAsync(new ProblemDetailsContext { HttpContext = context.HttpContext, ProblemDetails = problem });
        });
        return app;
    }
}
