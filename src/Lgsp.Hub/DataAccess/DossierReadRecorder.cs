using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Lgsp.Core.Codes;
using Lgsp.Hub.Gateway;
using Lgsp.Hub.Gateway.MessageLog;
using Lgsp.Hub.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.DataAccess;

/// <summary>
/// Records in the message log a read of dossiers (<c>GET /api/v1/dossiers/{code}</c>) or of the change feed that
/// returned a person's identifiers: one record per personal id found in what was answered (the dossier's owner and
/// submitter, as <c>identifiers[]</c> of type personal id), its subject the same keyed hash a lookup of that person
/// writes, so the person's report (<see cref="DataAccessReport"/>) finds it. The records of one read share its id as
/// their correlation id. Written before the answer leaves, like a lookup's: a record that cannot be stored withholds
/// the answer (503 <c>hub.storage_unavailable</c>).
/// </summary>
internal sealed class DossierReadRecorder(IMessageLog log, SubjectHasher subjects, TimeProvider time, IOptions<GatewayOptions> options)
{
    public const string GetDossierOperation = "GetDossier";
    public const string GetChangesOperation = "GetDossierChanges";

    private readonly string _instanceId = options.Value.MessageLog.InstanceId ?? $"{Environment.MachineName}:{Environment.ProcessId}";

    public async Task RecordAsync(HttpContext http, string operation, IEnumerable<JsonElement> answered, CancellationToken ct)
    {
        var personalIds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var document in answered)
        {
            Collect(document, personalIds);
        }

        if (personalIds.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var readId = Guid.CreateVersion7(now);
        Span<byte> requestHash = stackalloc byte[SHA256.HashSizeInBytes];
        CanonicalRequest.Sha256(http.Request, [], requestHash);
        var clientId = LookupExchange.ClientOf(http.User);
        var officer = OfficerOf(http.User);
        var records = new List<MessageLogRecord>(personalIds.Count);
        foreach (var personalId in personalIds)
        {
            var exchangeId = records.Count == 0 ? readId : Guid.CreateVersion7(now);
            records.Add(new MessageLogRecord
            {
                InstanceId = _instanceId,
                ExchangeId = exchangeId,
                CorrelationId = readId.ToString("D"),
                OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()),
                ClientId = clientId,
                OfficerId = officer,
                Service = DataAccessSources.Dossiers,
                Operation = operation,
                SubjectHash = subjects.Hash("personal_id", personalId),
                RequestDigest = subjects.RequestDigest(exchangeId, requestHash),
                Outcome = LookupGateway.OkOutcome,
                HttpStatus = StatusCodes.Status200OK,
                LatencyMicroseconds = 0,
            });
        }

        http.Response.Headers[GatewayHeaders.ExchangeId] = readId.ToString("D");
        await Task.WhenAll(records.Select(r => log.AppendAsync(r, ct)));
    }

    /// <summary>An official's user name when a person's token reads (the officer of the record); none for a system's.</summary>
    private static string? OfficerOf(ClaimsPrincipal user) =>
        user.GetClaim(HubClaims.AccountType) == "official" && user.GetClaim(Claims.PreferredUsername) is { Length: > 0 and <= 64 } name ? name : null;

    /// <summary>Every personal id under an <c>identifiers</c> array, anywhere in <paramref name="element"/>.</summary>
    internal static void Collect(JsonElement element, ISet<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("identifiers") && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var identifier in property.Value.EnumerateArray())
                        {
                            if (identifier.ValueKind == JsonValueKind.Object
                                && identifier.TryGetProperty("type", out var type) && string.Equals(type.GetString(), "personalId", StringComparison.OrdinalIgnoreCase)
                                && identifier.TryGetProperty("value", out var value) && PersonalId.TryParse(value.GetString(), out var id))
                            {
                                found.Add(id.Value);
                            }
                        }
                    }
                    else
                    {
                        Collect(property.Value, found);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found);
                }

                break;
            default:
                break;
        }
    }
}
