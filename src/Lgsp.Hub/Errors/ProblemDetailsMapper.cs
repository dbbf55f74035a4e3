using System.Diagnostics;
using Lgsp.Core.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Lgsp.Hub.Errors;

/// <summary>
/// The one place catalogue errors become RFC 9457 problem details. Every error response of the hub has the same
/// shape: <c>type</c> (urn:lgsp:error:&lt;code&gt;), <c>title</c> and <c>detail</c> in the caller's language
/// (Vietnamese unless <c>Accept-Language</c> prefers English), and the extensions <c>code</c>, <c>faultOrigin</c>,
/// <c>message</c> {vi, en} (the title in both languages), <c>detailMessage</c> {vi, en} (the detail in both
/// languages, when there is a detail), <c>traceId</c> and, for validation, <c>errors</c> naming each offending field
/// (<c>message</c> in the caller's language, <c>messageVi</c>, <c>messageEn</c>). A detail exists only as a
/// <see cref="LocalizedText"/>, so no answer can carry it in one language only.
/// </summary>
internal static class ProblemDetailsMapper
{
    public const string TypePrefix = "urn:lgsp:error:";

    public static ProblemDetails ToProblemDetails(HttpContext context, ErrorDescriptor error, LocalizedText? detail = null, IReadOnlyList<FieldError>? fieldErrors = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        var english = PrefersEnglish(context.Request);
        var problem = new ProblemDetails
        {
            Type = TypePrefix + error.Code,
            Title = english ? error.MessageEn : error.MessageVi,
            Status = error.HttpStatus,
            Detail = detail?.In(english),
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = error.Code;
        problem.Extensions["faultOrigin"] = error.Origin.ToString().ToLowerInvariant();
        problem.Extensions["message"] = new Dictionary<string, string> { ["vi"] = error.MessageVi, ["en"] = error.MessageEn };
        if (detail is not null)
        {
            problem.Extensions["detailMessage"] = new Dictionary<string, string> { ["vi"] = detail.Vi, ["en"] = detail.En };
        }

        problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        if (fieldErrors is { Count: > 0 })
        {
            problem.Extensions["errors"] = fieldErrors
                .Select(f => new ProblemFieldError(f.Field, f.Reason, english ? f.MessageEn : f.MessageVi, f.MessageVi, f.MessageEn))
                .ToArray();
        }

        return problem;
    }

    public static Task WriteAsync(HttpContext context, ErrorDescriptor error, LocalizedText? detail = null, IReadOnlyList<FieldError>? fieldErrors = null)
    {
        var problem = ToProblemDetails(context, error, detail, fieldErrors);
        context.Response.StatusCode = error.HttpStatus;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    /// <summary>English when the caller's preferred Accept-Language is English; Vietnamese otherwise.</summary>
    public static bool PrefersEnglish(HttpRequest request)
    {
        var languages = request.GetTypedHeaders().AcceptLanguage;
        var best = languages.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return best is not null && best.Value.Value is { } tag && tag.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }
}

internal sealed record ProblemFieldError(string Field, string Reason, string Message, string MessageVi, string MessageEn);
