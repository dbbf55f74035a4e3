using System.Collections.Concurrent;
using Lgsp.Core.Errors;
using Lgsp.Hub.Operations.Settings;

namespace Lgsp.Hub.Operations.Maintenance;

/// <summary>
/// The operators' hand on maintenance windows: switch the whole hub (<c>hub</c>) or one agency's clients (its code) into
/// maintenance with a message in Vietnamese and English and an end, or out of it, each a new version with who, when and
/// why (<see cref="SettingsDocuments"/>: If-Match, reason, history, rollback), in force at every instance within a poll.
/// </summary>
internal sealed class MaintenanceControl(SettingsDocuments documents, TimeProvider time)
{
    private const int MaxMessageLength = 500;
    private readonly ConcurrentDictionary<string, SettingsSchema> _schemas = new(StringComparer.Ordinal);

    /// <summary>The hub's window and every agency's that has one.</summary>
    public IReadOnlyList<MaintenanceView> List() =>
        [.. documents.Runtime.Names(SettingsKinds.Maintenance).Append(HubMaintenance.HubScope)
            .Select(HubMaintenance.NormalizeScope).OfType<string>().Distinct(StringComparer.Ordinal)
            .Order(Comparer<string>.Create((a, b) => a == HubMaintenance.HubScope ? -1 : b == HubMaintenance.HubScope ? 1 : string.CompareOrdinal(a, b)))
            .Select(View)];

    public MaintenanceView View(string scope)
    {
        var schema = Schema(scope);
        var current = documents.Current(schema);
        var window = MaintenanceWindow.Read(documents.Effective(schema));
        var now = time.GetUtcNow();
        var active = window.ActiveAt(now);
        return new MaintenanceView(schema.Name, current?.Version ?? 0, active, window.On, window.MessageVi, window.MessageEn, window.Until,
            active ? (int)Math.Ceiling((window.Until!.Value - now).TotalSeconds) : null, current?.ChangedAt, current?.ChangedBy, current?.Reason);
    }

    public async Task<MaintenanceView> OnAsync(string scope, int expectedVersion, MaintenanceOnRequest body, string by, CancellationToken ct)
    {
        var schema = Schema(scope);
        var errors = new List<FieldError>();
        CheckMessage(errors, "messageVi", body.MessageVi, "Thông báo tiếng Việt", "The Vietnamese message");
        CheckMessage(errors, "messageEn", body.MessageEn, "Thông báo tiếng Anh", "The English message");
        if (body.Until is not { } until)
        {
            errors.Add(new FieldError("until", "until.required", "Cần nêu thời điểm kết thúc bảo trì (until, ISO 8601).", "Say when the maintenance ends (until, ISO 8601)."));
        }
        else if (until <= time.GetUtcNow())
        {
            errors.Add(new FieldError("until", "until.past", "Thời điểm kết thúc bảo trì phải ở tương lai.", "The maintenance must end in the future."));
        }

        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            errors.Add(new FieldError("reason", "reason.required", "Cần nêu lý do thay đổi (reason).", "A reason for the change is required (reason)."));
        }

        if (errors.Count > 0)
        {
            throw new LgspException(ErrorCatalogue.ValidationFailed, new($"Không bật được bảo trì '{schema.Name}'; không có gì thay đổi.", $"Maintenance '{schema.Name}' was not switched on; nothing changed."), errors);
        }

        await documents.WriteAsync(schema, expectedVersion, body.Reason, by, "on", _ => MaintenanceWindow.OnDocument(body.MessageVi!, body.MessageEn!, body.Until!.Value), ct);
        return View(schema.Name);
    }

    public async Task<MaintenanceView> OffAsync(string scope, int expectedVersion, string? reason, string by, CancellationToken ct)
    {
        var schema = Schema(scope);
        await documents.WriteAsync(schema, expectedVersion, reason, by, "off", _ => MaintenanceWindow.OffDocument(), ct);
        return View(schema.Name);
    }

    public async Task<MaintenanceHistory> HistoryAsync(string scope, CancellationToken ct)
    {
        var schema = Schema(scope);
        var (current, items) = await documents.HistoryAsync(schema, ct);
        return new MaintenanceHistory(schema.Name, current, items);
    }

    private static void CheckMessage(List<FieldError> errors, string field, string? text, string vi, string en)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError(field, "message.required", $"{vi} không được để trống.", $"{en} is required."));
        }
        else if (text.Length > MaxMessageLength)
        {
            errors.Add(new FieldError(field, "message.too_long", $"{vi} dài tối đa {MaxMessageLength} ký tự.", $"{en} is at most {MaxMessageLength} characters."));
        }
    }

    /// <summary><c>hub</c> or an agency code (either form); anything else is a 400 naming the scope.</summary>
    private SettingsSchema Schema(string scope) =>
        HubMaintenance.NormalizeScope(scope) is { } name
            ? _schemas.GetOrAdd(name, SettingsSchema.ForMaintenance)
            : throw new LgspException(ErrorCatalogue.ValidationFailed,
                new($"Phạm vi bảo trì '{scope}' không hợp lệ: dùng 'hub' cho cả nền tảng hoặc một mã cơ quan (ví dụ 000.00.01.H56).", $"'{scope}' is not a maintenance scope: use 'hub' for the whole hub or an agency code (e.g. 000.00.01.H56)."),
                [new FieldError("scope", "scope.invalid", "Phạm vi phải là 'hub' hoặc một mã cơ quan.", "The scope is 'hub' or an agency code.")]);
}

/// <summary>A maintenance window as the API shows it; <paramref name="Active"/> is on and not yet ended.</summary>
internal sealed record MaintenanceView(
    string Scope, int Version, bool Active, bool On, string? MessageVi, string? MessageEn, DateTimeOffset? Until, int? RetryAfterSeconds,
    DateTimeOffset? ChangedAt, string? ChangedBy, string? Reason);

internal sealed record MaintenanceOnRequest(string? Reason, string? MessageVi, string? MessageEn, DateTimeOffset? Until);

internal sealed record MaintenanceOffRequest(string? Reason);

internal sealed record MaintenanceHistory(string Scope, int CurrentVersion, IReadOnlyList<HistoryItem> Items);
