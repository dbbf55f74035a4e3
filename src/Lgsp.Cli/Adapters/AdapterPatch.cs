using System.Globalization;
using System.Text.Json.Nodes;
using Lgsp.Cli.Changes;
using Lgsp.Cli.Hub;

namespace Lgsp.Cli.Adapters;

/// <summary>What <c>adapters set</c> was asked to change, as typed on the command line.</summary>
internal sealed record AdapterChanges(
    string? BaseUrl = null,
    string? AttemptTimeout = null,
    string? TotalTimeout = null,
    int? Retries = null,
    int? Concurrency = null,
    string? RateLimit = null,
    bool NoRateLimit = false,
    IReadOnlyList<string>? Sets = null);

/// <summary>
/// Builds the JSON merge patch (RFC 7396) of an adapter's settings from <see cref="AdapterChanges"/>: the named options
/// first, then each <c>--set key.path=value</c> in order (a later one wins). Everything wrong is reported at once.
/// The hub checks the values themselves (ranges, host allowlist); this only checks what it can read.
/// </summary>
internal static class AdapterPatch
{
    public static JsonObject Build(AdapterChanges changes)
    {
        var patch = NewObject();
        var errors = new List<string>();

        if (changes.BaseUrl is { } baseUrl)
        {
            if (Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                Set(patch, ["baseUrl"], JsonValue.Create(baseUrl));
            }
            else
            {
                errors.Add($"--base-url: cần URL http(s) tuyệt đối / an absolute http(s) URL is needed: '{baseUrl}'");
            }
        }

        AddDuration(patch, errors, "--attempt-timeout", "attemptTimeout", changes.AttemptTimeout);
        AddDuration(patch, errors, "--total-timeout", "totalTimeout", changes.TotalTimeout);

        if (changes.Retries is { } retries)
        {
            if (retries < 0)
            {
                errors.Add($"--retries: không được âm / must not be negative: {retries}");
            }
            else
            {
                Set(patch, ["retry", "maxRetryAttempts"], JsonValue.Create(retries));
            }
        }

        if (changes.Concurrency is { } concurrency)
        {
            if (concurrency < 1)
            {
                errors.Add($"--concurrency: ít nhất 1 / at least 1: {concurrency}");
            }
            else
            {
                Set(patch, ["concurrency", "permitLimit"], JsonValue.Create(concurrency));
            }
        }

        if (changes.RateLimit is not null && changes.NoRateLimit)
        {
            errors.Add("--rate-limit và/and --no-rate-limit: chỉ dùng một / use one of them");
        }
        else if (changes.RateLimit is { } rate)
        {
            var slash = rate.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0
                && int.TryParse(rate.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var permits) && permits > 0
                && TryDuration(rate[(slash + 1)..], out var window))
            {
                Set(patch, ["rateLimit", "permitLimit"], JsonValue.Create(permits));
                Set(patch, ["rateLimit", "window"], JsonValue.Create(window));
            }
            else
            {
                errors.Add($"--rate-limit: dạng / form N/hh:mm:ss, ví dụ / e.g. 10/00:00:01: '{rate}'");
            }
        }
        else if (changes.NoRateLimit)
        {
            Set(patch, ["rateLimit"], null);
        }

        MergePatch.ApplySets(patch, changes.Sets, errors);

        if (errors.Count > 0)
        {
            throw CliFailure.Usage("Tham số thay đổi không hợp lệ.", "Invalid change arguments.", errors);
        }

        if (patch.Count == 0)
        {
            throw CliFailure.Usage(
                "Không có gì để thay đổi: dùng --base-url, --attempt-timeout, --total-timeout, --retries, --concurrency, --rate-limit, --no-rate-limit hoặc --set.",
                "Nothing to change: use --base-url, --attempt-timeout, --total-timeout, --retries, --concurrency, --rate-limit, --no-rate-limit or --set.");
        }

        return patch;
    }

    /// <summary>A duration as hh:mm:ss[.fffffff] (a bare number would read as days: refused).</summary>
    internal static bool TryDuration(string text, out string normalized)
    {
        normalized = "";
        if (!text.Contains(':', StringComparison.Ordinal)
            || !TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) || value <= TimeSpan.Zero)
        {
            return false;
        }

        normalized = value.ToString("c", CultureInfo.InvariantCulture);
        return true;
    }

    private static void AddDuration(JsonObject patch, List<string> errors, string option, string key, string? text)
    {
        if (text is null)
        {
            return;
        }

        if (TryDuration(text, out var normalized))
        {
            Set(patch, [key], JsonValue.Create(normalized));
        }
        else
        {
            errors.Add($"{option}: dạng / form hh:mm:ss, lớn hơn 0 / greater than 0: '{text}'");
        }
    }

    private static JsonObject NewObject() => MergePatch.NewObject();

    private static void Set(JsonObject patch, IReadOnlyList<string> path, JsonNode? value) => MergePatch.Set(patch, path, value);
}
