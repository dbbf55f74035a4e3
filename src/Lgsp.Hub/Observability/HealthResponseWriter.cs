using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lgsp.Hub.Observability;

/// <summary>A small JSON body so operators see which dependency is unhealthy, not just a status word.</summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), durationMs = e.Value.Duration.TotalMilliseconds, error = e.Value.Exception?.GetType().Name }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
