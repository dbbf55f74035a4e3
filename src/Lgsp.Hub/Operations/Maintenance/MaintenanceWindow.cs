using System.Globalization;
using Lgsp.Adapters.Sdk.Options;

namespace Lgsp.Hub.Operations.Maintenance;

/// <summary>
/// One maintenance window as operators set it (a versioned document, <c>Maintenance:hub</c> or
/// <c>Maintenance:&lt;agency code&gt;</c>): on or off, the message callers are given in Vietnamese and English, and when
/// it ends. It is in force while on and before its end; past the end it lapses by itself (no one has to switch it off).
/// </summary>
internal sealed class MaintenanceWindow
{
    public bool On { get; set; }

    public string? MessageVi { get; set; }

    public string? MessageEn { get; set; }

    public DateTimeOffset? Until { get; set; }

    /// <summary>The window of a flat document (keys <c>On</c>, <c>MessageVi</c>, <c>MessageEn</c>, <c>Until</c>); unreadable values read as absent.</summary>
    public static MaintenanceWindow Read(IReadOnlyDictionary<string, string> settings) => new()
    {
        On = settings.TryGetValue(nameof(On), out var on) && bool.TryParse(on, out var b) && b,
        MessageVi = settings.GetValueOrDefault(nameof(MessageVi)),
        MessageEn = settings.GetValueOrDefault(nameof(MessageEn)),
        Until = settings.TryGetValue(nameof(Until), out var until)
            && DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
    };

    /// <summary>The flat document of a window switched on.</summary>
    public static Dictionary<string, string> OnDocument(string messageVi, string messageEn, DateTimeOffset until) => new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(On)] = "true",
        [nameof(MessageVi)] = messageVi.Trim(),
        [nameof(MessageEn)] = messageEn.Trim(),
        [nameof(Until)] = until.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>The flat document of a window switched off.</summary>
    public static Dictionary<string, string> OffDocument() => new(StringComparer.OrdinalIgnoreCase) { [nameof(On)] = "false" };

    public bool ActiveAt(DateTimeOffset now) => On && Until is { } until && now < until;

    /// <summary>What a window switched on must have: both messages and an end.</summary>
    public IEnumerable<SettingFailure> Failures()
    {
        if (!On)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(MessageVi))
        {
            yield return new SettingFailure(nameof(MessageVi), SettingReasons.Required);
        }

        if (string.IsNullOrWhiteSpace(MessageEn))
        {
            yield return new SettingFailure(nameof(MessageEn), SettingReasons.Required);
        }

        if (Until is null)
        {
            yield return new SettingFailure(nameof(Until), SettingReasons.Required);
        }
    }
}
