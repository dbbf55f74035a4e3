using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using Lgsp.Core.Packets;
using Lgsp.Hub.Gateway.MessageLog;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Gateway;

/// <summary>
/// One exchange in flight, as step 2 of <see cref="LookupGateway"/> opens it: when it started, the calling client, the
/// <c>X-Lgsp-*</c> headers as given (judged in step 4), the hash of the request as sent (the signed answer's
/// <c>requestHash</c>), and the message-log record the later steps complete.
/// </summary>
internal sealed record LookupExchange(
    long Started, string ClientId, PacketDigest RequestHash, string? PurposeText, string? OfficerText, string? RequestIdText, MessageLogRecord Record)
{
    /// <summary>Microseconds since the exchange opened (the record's latency).</summary>
    public long ElapsedMicroseconds => (long)Stopwatch.GetElapsedTime(Started).TotalMicroseconds;

    /// <summary>Step 2: reads what the exchange needs from the request, before anything is judged.</summary>
    public static LookupExchange Open(
        HttpContext http, LookupOperation operation, ReadOnlySpan<byte> requestBody, string instanceId, SubjectHasher subjects, TimeProvider time)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        var exchangeId = Guid.CreateVersion7(now);
        http.Response.Headers[GatewayHeaders.ExchangeId] = exchangeId.ToString("D");
        var request = http.Request;
        var purposeText = Single(request.Headers[GatewayHeaders.Purpose]);
        var officerText = Single(request.Headers[GatewayHeaders.OfficerId]);
        var requestIdText = Single(request.Headers[GatewayHeaders.RequestId]);
        var clientId = ClientOf(http.User);
        var (requestHash, requestDigest) = HashRequest(subjects, exchangeId, request, requestBody);
        var record = new MessageLogRecord
        {
            InstanceId = instanceId,
            ExchangeId = exchangeId,
            OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()),
            ClientId = clientId,
            // The officer only once it is a well-formed id (step 4): free text in a header is not written to the log.
            OfficerId = null,
            Purpose = Clip(purposeText, 64),
            Service = operation.Source,
            Operation = operation.Operation,
            RequestDigest = requestDigest,
            Outcome = LookupGateway.OkOutcome,
            HttpStatus = StatusCodes.Status200OK,
            LatencyMicroseconds = 0,
        };
        return new LookupExchange(started, clientId, requestHash, purposeText, officerText, requestIdText, record);
    }

    /// <summary>The calling client (<c>client_id</c>, or the token's presenter), as <c>/api/v1/me</c> reads it.</summary>
    internal static string ClientOf(ClaimsPrincipal user) =>
        user.GetClaim(Claims.ClientId) ?? user.GetPresenters().FirstOrDefault() ?? "unknown";

    /// <summary>
    /// The request's two hashes, from one pass over it: the plain SHA-256 of its canonical form, which only the signed
    /// answer carries (the client knows what it sent), and the keyed digest of that hash under the message-log key,
    /// which only the log holds (a plain hash there would give back the personal id of a <c>GET …/citizens/{id}</c>).
    /// </summary>
    private static (PacketDigest Hash, string Digest) HashRequest(SubjectHasher subjects, Guid exchangeId, HttpRequest request, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        CanonicalRequest.Sha256(request, body, hash);
        return (PacketDigest.FromSha256(hash), subjects.RequestDigest(exchangeId, hash));
    }

    private static string? Single(StringValues values) => values.Count == 0 ? null : values[0];

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
