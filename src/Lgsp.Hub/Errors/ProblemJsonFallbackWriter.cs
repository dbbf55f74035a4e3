using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Errors;

/// <summary>
/// The last of the problem-details writers: ASP.NET's own writes only when the client's <c>Accept</c> admits JSON, and
/// with none left every error of a client that asks for <c>application/xml</c> (or anything else) became a 500 with a
/// stack trace. This one writes the same <c>application/problem+json</c>, with the same customisation, whatever
/// <c>Accept</c> says (RFC 9457 allows it: the problem is about the request, not a representation of the resource).
/// </summary>
internal sealed class ProblemJsonFallbackWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var typeInfo = jsonOptions.Value.SerializerOptions.GetTypeInfo(context.ProblemDetails.GetType());
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(context.ProblemDetails, typeInfo, ContentType, context.HttpContext.RequestAborted));
    }
}
