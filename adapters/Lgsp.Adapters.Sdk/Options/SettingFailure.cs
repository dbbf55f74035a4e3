using System.Collections;
using System.Globalization;
using Lgsp.Core.Errors;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Sdk.Options;

/// <summary>
/// One problem of a setting, as data: the key (relative to the options' section, <c>Retry:MaxDelay</c>), the reason
/// (an id of <see cref="SettingReasons"/>) and the values its text names. Validators emit these; the English sentence
/// of a start-up failure and the hub's Vietnamese and English field errors are both rendered from the one table of
/// reasons, so rewording a text never loses its translation.
/// </summary>
/// <param name="Args">Values for the reason's placeholders: text, numbers, <see cref="TimeSpan"/>s (written as
/// "10 ms", "1 day"), lists of text, another setting (<see cref="SettingKey"/>) or a code's own error (<see cref="FieldError"/>).</param>
public sealed record SettingFailure(string Key, string Reason, params object?[] Args)
{
    /// <summary>The text of the reason in <paramref name="language"/> (<c>vi</c> or <c>en</c>), without the key.</summary>
    /// <param name="keyName">How a <see cref="SettingKey"/> argument is named (the hub names it by its label); by its key when null.</param>
    public string Text(string language, Func<SettingKey, string>? keyName = null)
    {
        var reason = SettingReasons.Get(Reason);
        var template = language == SettingReasons.Vietnamese ? reason.Vi : reason.En;
        var values = Args.Select(a => Format(a, language, keyName)).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, template, values);
    }

    /// <summary>The start-up failure: <c>Adapters:business:AttemptTimeout must be between 10 ms and 1 day.</c></summary>
    public string ToEnglish(string section)
    {
        var key = string.IsNullOrEmpty(Key) ? section : $"{section}:{Key}";
        var separator = SettingReasons.Get(Reason).Form == SettingReasonForm.AboutEntry ? ": " : " ";
        return key + separator + Text(SettingReasons.English);
    }

    private static string Format(object? value, string language, Func<SettingKey, string>? keyName) => value switch
    {
        null => "",
        SettingKey key => keyName?.Invoke(key) ?? key.Key,
        TimeSpan duration => Duration(duration, language),
        FieldError error => language == SettingReasons.Vietnamese ? error.MessageVi : error.MessageEn,
        SettingText text => language == SettingReasons.Vietnamese ? text.Vi : text.En,
        string text => text,
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable list => string.Join(", ", list.Cast<object?>().Select(v => Format(v, language, keyName))),
        _ => value.ToString() ?? "",
    };

    /// <summary>"10 ms", "500 ms", "1 min", "1 day" (vi: "1 phút", "1 ngày"); other lengths as hh:mm:ss.</summary>
    private static string Duration(TimeSpan value, string language)
    {
        var vi = language == SettingReasons.Vietnamese;
        return value switch
        {
            _ when value == TimeSpan.Zero => "0",
            _ when value.TotalDays >= 1 && value.Ticks % TimeSpan.TicksPerDay == 0 => $"{value.TotalDays:0} {(vi ? "ngày" : value.TotalDays == 1 ? "day" : "days")}",
            _ when value < TimeSpan.FromSeconds(1) => $"{value.TotalMilliseconds:0} ms",
            _ when value.Ticks % TimeSpan.TicksPerMinute == 0 && value < TimeSpan.FromHours(1) => $"{value.TotalMinutes:0} {(vi ? "phút" : "min")}",
            _ when value.Ticks % TimeSpan.TicksPerSecond == 0 && value < TimeSpan.FromMinutes(1) => $"{value.TotalSeconds:0} {(vi ? "giây" : "s")}",
            _ => value.ToString("c", CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>Another setting named in a failure's text (<c>TotalTimeout</c> in "must not exceed TotalTimeout"), relative to the same section.</summary>
public sealed record SettingKey(string Key);

/// <summary>
/// A failed validation that keeps its <see cref="SettingFailure"/>s: the options' start-up check reads its
/// <see cref="ValidateOptionsResult.Failures"/> (English sentences naming the full key) as from any validator, and the
/// hub's control API reads <see cref="SettingFailures"/> to answer each one by field, in Vietnamese and English.
/// </summary>
public sealed class SettingsValidationResult : ValidateOptionsResult
{
    private SettingsValidationResult(string section, IReadOnlyList<SettingFailure> failures)
    {
        Section = section;
        SettingFailures = failures;
        Failed = true;
        Failures = [.. failures.Select(f => f.ToEnglish(section))];
        FailureMessage = string.Join("; ", Failures);
    }

    /// <summary>The configuration section the keys are relative to (<c>Adapters:business</c>, <c>Gateway</c>).</summary>
    public string Section { get; }

    public IReadOnlyList<SettingFailure> SettingFailures { get; }

    /// <summary>Success when there is no failure.</summary>
    public static ValidateOptionsResult From(string section, IReadOnlyList<SettingFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return failures.Count == 0 ? Success : new SettingsValidationResult(section, failures);
    }
}
