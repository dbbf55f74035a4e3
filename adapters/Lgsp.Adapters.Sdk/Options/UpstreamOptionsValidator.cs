using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Polly;

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
    private const long MinAnswerBytes = 1024;
    private const long MaxAnswerBytes = 1024L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = UpstreamOptions.SectionFor(string.IsNullOrEmpty(name) ? "<source>" : name);
        var errors = new List<SettingFailure>();
        void Check(bool ok, string key, string reason, params object?[] args)
        {
            if (!ok)
            {
                errors.Add(new SettingFailure(key, reason, args));
            }
        }

        Check(IsHttpUrl(options.BaseUrl), "BaseUrl", SettingReasons.AbsoluteHttpUrl);
        Check(Between(options.AttemptTimeout, Minimum, OneDay), "AttemptTimeout", SettingReasons.DurationRange, Minimum, OneDay);
        Check(Between(options.TotalTimeout, Minimum, OneDay), "TotalTimeout", SettingReasons.DurationRange, Minimum, OneDay);
        Check(options.AttemptTimeout <= options.TotalTimeout, "AttemptTimeout", SettingReasons.DurationNotOver, new SettingKey("TotalTimeout"));

        var retry = options.Retry;
        Ranges(retry, "Retry", errors);
        Check(Between(retry.BaseDelay, TimeSpan.Zero, OneDay), "Retry:BaseDelay", SettingReasons.DurationRange, TimeSpan.Zero, OneDay);
        Check(Between(retry.MaxDelay, TimeSpan.Zero, OneDay) && retry.MaxDelay >= retry.BaseDelay, "Retry:MaxDelay",
            SettingReasons.DurationAtLeastKey, new SettingKey("Retry:BaseDelay"), OneDay);
        Check(Enum.IsDefined(retry.BackoffType), "Retry:BackoffType", SettingReasons.OneOf, Enum.GetNames<DelayBackoffType>());
        Check(retry.MaxRetryAfter >= TimeSpan.Zero && retry.MaxRetryAfter < options.TotalTimeout, "Retry:MaxRetryAfter",
            SettingReasons.DurationUnderKey, new SettingKey("TotalTimeout"));

        var breaker = options.CircuitBreaker;
        Ranges(breaker, "CircuitBreaker", errors);
        Check(Between(breaker.SamplingDuration, HalfSecond, OneDay), "CircuitBreaker:SamplingDuration", SettingReasons.DurationRange, HalfSecond, OneDay);
        Check(Between(breaker.BreakDuration, HalfSecond, OneDay), "CircuitBreaker:BreakDuration", SettingReasons.DurationRange, HalfSecond, OneDay);

        Ranges(options.Concurrency, "Concurrency", errors);
        if (options.RateLimit is { } rate)
        {
            Ranges(rate, "RateLimit", errors);
            Check(Between(rate.Window, Minimum, OneDay), "RateLimit:Window", SettingReasons.DurationRange, Minimum, OneDay);
        }

        Check(options.MaxAnswerBytes is >= MinAnswerBytes and <= MaxAnswerBytes, "MaxAnswerBytes", SettingReasons.BytesRange, MinAnswerBytes, MaxAnswerBytes);

        // The value is never echoed: if it fails this rule it may well be the secret itself.
        Check(options.CredentialsSecret is null || SecretName().IsMatch(options.CredentialsSecret), "CredentialsSecret", SettingReasons.SecretName);

        return SettingsValidationResult.From(section, errors);
    }

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);

    private static bool Between(TimeSpan value, TimeSpan min, TimeSpan max) => value >= min && value <= max;

    /// <summary>The <see cref="RangeAttribute"/>s of <paramref name="value"/>'s properties, each a failure naming its limits.</summary>
    internal static void Ranges(object value, string prefix, List<SettingFailure> errors)
    {
        foreach (var property in value.GetType().GetProperties())
        {
            if (property.GetCustomAttributes(typeof(RangeAttribute), inherit: true) is [RangeAttribute range, ..] && !range.IsValid(property.GetValue(value)))
            {
                errors.Add(new SettingFailure($"{prefix}:{property.Name}", SettingReasons.NumberRange, range.Minimum, range.Maximum));
            }
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SecretName();
}
