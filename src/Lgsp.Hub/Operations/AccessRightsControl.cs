using System.Text.Json.Nodes;
using Lgsp.Core.Errors;
using Lgsp.Hub.Identity;
using Lgsp.Hub.Operations.Settings;
using Microsoft.Extensions.Options;

namespace Lgsp.Hub.Operations;

/// <summary>
/// The operators' hand on the clients' access rights (X-Road's access rights: which client may call which source, for
/// which purposes, receiving which fields): read, change, history, rollback, under the same rules as the adapters'
/// settings (<see cref="SettingsDocuments"/>), judged by the gateway's start-up validators.
/// </summary>
internal sealed class AccessRightsControl(SettingsDocuments documents, IOptions<HubIdentityOptions> identity)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SettingsSchema> _schemas = new(StringComparer.Ordinal);

    public AccessRightsView View(string clientId)
    {
        var schema = Schema(clientId);
        var current = documents.Current(schema);
        return new AccessRightsView(schema.Name, current?.Version ?? 0, SettingsDocuments.Origin(current),
            current?.ChangedAt, current?.ChangedBy, current?.Reason, schema.ToJson(documents.Effective(schema)), schema.Labels());
    }

    public async Task<AccessRightsView> ChangeAsync(string clientId, int expectedVersion, JsonObject? changes, string? reason, string by, CancellationToken ct)
    {
        var schema = Schema(clientId);
        await documents.ChangeAsync(schema, expectedVersion, changes, reason, by, ct);
        return View(schema.Name);
    }

    public async Task<AccessRightsView> RollbackAsync(string clientId, int expectedVersion, int? toVersion, string? reason, string by, CancellationToken ct)
    {
        var schema = Schema(clientId);
        await documents.RollbackAsync(schema, expectedVersion, toVersion, reason, by, ct);
        return View(schema.Name);
    }

    public async Task<AccessRightsHistory> HistoryAsync(string clientId, CancellationToken ct)
    {
        var schema = Schema(clientId);
        var (current, items) = await documents.HistoryAsync(schema, ct);
        return new AccessRightsHistory(schema.Name, current, items);
    }

    /// <summary>Client ids are exact (OAuth); a client must exist in <c>Identity:Clients</c> to hold rights.</summary>
    private SettingsSchema Schema(string clientId) =>
        identity.Value.Clients.ContainsKey(clientId)
            ? _schemas.GetOrAdd(clientId, id => SettingsSchema.ForAccessRights(id, documents.Runtime))
            : throw new LgspException(ErrorCatalogue.NotFound, new($"Không có client '{clientId}' (Identity:Clients).", $"There is no client '{clientId}' (Identity:Clients)."));
}

/// <summary>A client's access rights in force, who set them, and every setting's label (by path, <c>*</c> for a source or an item).</summary>
internal sealed record AccessRightsView(
    string ClientId, int Version, string Origin, DateTimeOffset? ChangedAt, string? ChangedBy, string? Reason, JsonObject AccessRights,
    IReadOnlyDictionary<string, SettingLabel> Labels);

internal sealed record AccessRightsHistory(string ClientId, int CurrentVersion, IReadOnlyList<HistoryItem> Items);
