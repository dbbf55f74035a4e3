using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Sdk.Options;

/// <summary>
/// Every rule of <see cref="UpstreamOptions"/>, all problems reported at once and named by their configuration
/// key (<c>Adapters:business:AttemptTimeout</c>). The limits match what Polly accepts, so a bad value stops the
/// start (or is refused on reload) instead of failing the first call.
/// </summary>
internal sealed partial class UpstreamOptionsValidator : IValidateOptions<UpstreamOptions>
{
    private static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = UpstreamOptions.SectionFor(string.IsNullOrEmpty(name) ? "<source>" : name);
        var errors = new List<string>();
        void Check(bool ok, string key, string message)
        {
            if (!ok)
            {
                errors.Add($"{section}:{key} {message}");
            }
        }

        Check(IsHttpUrl(options.BaseUrl), "BaseUrl", "must be an absolute http or https URL.");
        Check(Between(options.AttemptTimeout, Minimum, OneDay), "AttemptTimeout", "must be between 10 ms and 1 day.");
        Check(Between(options.TotalTimeout, Minimum, OneDay), "TotalTimeout", "must be between 10 ms and 1 day.");
        Check(options.AttemptTimeout <= options.TotalTimeout, "AttemptTimeout", "must not exceed TotalTimeout.");

        var retry = options.Retry;
        Annotations(retry, "Retry", errors, section);
        Check(Between(retry.BaseDelay, TimeSpan.Zero, OneDay), "Retry:BaseDelay", "must be between 0 and 1 day.");
        Check(Between(retry.MaxDelay, TimeSpan.Zero, OneDay) && retry.MaxDelay >= retry.BaseDelay, "Retry:MaxDelay", "must be at least BaseDelay and at most 1 day.");
        Check(Enum.IsDefined(retry.BackoffType), "Retry:BackoffType", "must be Constant, Linear or Exponential.");
        Check(retry.MaxRetryAfter >= TimeSpan.Zero && retry.MaxRetryAfter < options.TotalTimeout, "Retry:MaxRetryAfter", "must be at least 0 and shorter than TotalTimeout.");

        var breaker = options.CircuitBreaker;
        Annotations(breaker, "CircuitBreaker", errors, section);
        Check(Between(breaker.SamplingDuration, HalfSecond, OneDay), "CircuitBreaker:SamplingDuration", "must be between 500 ms and 1 day.");
        Check(Between(breaker.BreakDuration, HalfSecond, OneDay), "CircuitBreaker:BreakDuration", "must be between 500 ms and 1 day.");

        Annotations(options.Concurrency, "Concurrency", errors, section);
        if (options.RateLimit is { } rate)
        {
            Annotations(rate, "RateLimit", errors, section);
            Check(Between(rate.Window, Minimum, OneDay), "RateLimit:Window", "must be between 10 ms and 1 day.");
        }

        Check(options.MaxAnswerBytes is >= 1024 and <= 1024L * 1024 * 1024, "MaxAnswerBytes", "must be between 1024 and 1073741824 bytes.");

        // The value is never echoed: if it fails this rule it may well be the secret itself.
        Check(options.CredentialsSecret is null || SecretName().IsMatch(options.CredentialsSecret), "CredentialsSecret",
            "must be the name of an environment variable or secret (letters, digits, underscores), never the credentials themselves.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);

    private static bool Between(TimeSpan value, TimeSpan min, TimeSpan max) => value >= min && value <= max;

    private static void Annotations(object value, string prefix, List<string> errors, string section)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                errors.Add($"{section}:{prefix}:{member} {result.ErrorMessage}");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SecretName();
}
