using System.Globalization;
using System.Security.Claims;
using Lgsp.Core.Errors;
using Lgsp.Hub.Errors;
using Lgsp.Hub.Operations.Settings;
using Microsoft.Net.Http.Headers;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Operations;

/// <summary>
/// The HTTP side of versioned documents, shared by the adapters' and the access rights' endpoints: the version as the
/// ETag, writes on the version named by If-Match, conflicts as 409 with the current version, and who made a change.
/// </summary>
internal static class VersionedResults
{
    /// <summary>Who made a change: the operator's user name, or for a machine token its client (the CLI, automation).</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        var client = user.GetClaim(Claims.ClientId) ?? user.GetPresenters().FirstOrDefault();
        var person = user.GetClaim(Claims.PreferredUsername) ?? user.GetClaim(Claims.Name);
        return person is not null ? (client is null ? person : $"{person} ({client})") : client ?? user.GetClaim(Claims.Subject) ?? "unknown";
    }

    /// <summary>An answer carrying its version as the ETag.</summary>
    public static IResult Versioned<T>(HttpContext http, T view, int version)
    {
        http.Response.Headers.ETag = ETag(version);
        return Results.Ok(view);
    }

    /// <summary>A write on the version named by If-Match (428 without it); 409 with the current version on a conflict.</summary>
    public static async Task<IResult> Write<T>(HttpContext http, Func<int, Task<T>> write, Func<T, int> versionOf)
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
                new($"'{conflict.Document}' đang ở phiên bản {conflict.Current}; thay đổi này được làm trên phiên bản {conflict.Expected}. Hãy đọc lại rồi mới thay đổi.", $"'{conflict.Document}' is at version {conflict.Current}; this change was made on version {conflict.Expected}. Read it again, then change it."));
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
            throw new LgspException(ErrorCatalogue.PreconditionRequired, new("Hãy gửi If-Match với ETag của bản đã đọc (câu trả lời của GET).", "Send If-Match with the ETag of what you read (its GET answer)."));
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
            throw new LgspException(ErrorCatalogue.ValidationFailed, error.Message, [error]);
        }

        return version;
    }

    private static string ETag(int version) => new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\"").ToString();
}
