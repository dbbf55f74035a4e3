using Lgsp.Adapters.Sdk.Options;
using Lgsp.Core.Errors;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// A validator's verdict as the control API answers it: the field as the API names it (<c>retry.maxDelay</c>), the
/// reason's stable code (<c>setting.invalid</c>, …) and a sentence about the field's label in Vietnamese and English
/// ("Thời gian chờ mỗi lần gọi phải nằm trong khoảng từ 10 ms đến 1 ngày."), the texts taken from
/// <see cref="SettingReasons"/> by reason id and the labels from <see cref="SettingLabels"/>.
/// </summary>
internal sealed class SettingFailureTranslation(SettingsSchema schema)
{
    public FieldError Translate(SettingVerdict verdict)
    {
        if (verdict.Failure is not { } failure)
        {
            return Untranslated(verdict.Text ?? "");
        }

        var reason = SettingReasons.Get(failure.Reason);
        var segments = Relative(verdict.FullKey);
        var field = segments is null ? string.Empty : schema.FieldName(segments);
        var label = segments is null || segments.Length == 0 ? new SettingLabel(schema.Name, schema.Name) : LabelOf(segments);
        string KeyName(SettingKey key, bool vi) =>
            Relative($"{verdict.Section}{ConfigurationPath.KeyDelimiter}{key.Key}") is { Length: > 0 } other
                ? (vi ? LabelOf(other).Vi : LabelOf(other).En)
                : key.Key;

        var vi = failure.Text(SettingReasons.Vietnamese, k => KeyName(k, vi: true));
        var en = failure.Text(SettingReasons.English, k => KeyName(k, vi: false));
        return reason.Form switch
        {
            SettingReasonForm.Sentence => new FieldError(field, reason.Code, vi, en),
            SettingReasonForm.AboutEntry => new FieldError(field, reason.Code, $"{label.Vi}: {vi}", $"{label.En}: {en}"),
            _ => new FieldError(field, reason.Code, $"{label.Vi} {vi}", $"{label.En} {en}"),
        };
    }

    private SettingLabel LabelOf(string[] segments) => SettingLabels.For(schema.Kind, schema.Pattern(segments), schema.FieldName(segments));

    /// <summary>The key's segments inside this document; empty for the document itself, null when it is outside it.</summary>
    private string[]? Relative(string fullKey)
    {
        var prefix = schema.Section;
        if (string.Equals(fullKey, prefix, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        return fullKey.StartsWith(prefix + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)
            ? fullKey[(prefix.Length + 1)..].Split(ConfigurationPath.KeyDelimiter)
            : null;
    }

    /// <summary>A validator without structured failures: its English text, named by field when it starts with a key of this document.</summary>
    private FieldError Untranslated(string text)
    {
        var key = text.Split(' ', 2)[0].TrimEnd(':', '.');
        var segments = Relative(key);
        var field = segments is { Length: > 0 } ? schema.FieldName(segments) : string.Empty;
        var name = segments is { Length: > 0 } ? LabelOf(segments) : new SettingLabel(schema.Name, schema.Name);
        return new FieldError(field, SettingReasons.InvalidCode, $"Thiết lập {name.Vi} không hợp lệ: {text}", text);
    }
}
