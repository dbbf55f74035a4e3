using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Lgsp.Core.Signing;
using Lgsp.Core.Time;
using Lgsp.Hub.Errors;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Gateway.MessageLog;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Lgsp.Hub.Gateway;

/// <summary>What one gateway operation is: its source, operation name, and the catalogue error for a bad key.</summary>
internal sealed record LookupOperation(string Source, string Operation, ErrorDescriptor InvalidKey, string KeyField, bool RequiresOfficer = false);

/// <summary>The subject of a lookup, for the message log's keyed hash: its kind and the identifier as given.</summary>
internal readonly record struct LookupSubject(string Kind, string? Identifier);

/// <summary>
/// One exchange through the gateway, in X-Road's order: the client's right to the service, every input validated (all
/// problems listed, nothing sent upstream if any), the purpose checked against the rights, the source called, the
/// answer narrowed to the client's fields, wrapped in a packet whose header carries the hash of the request as sent
/// (X-Road's request hash, <see cref="CanonicalRequest"/>) and signed (detached JWS, or enveloped XML-DSig on
/// <c>Accept: application/xml</c>), recorded in the message log, and only then sent. Faults are ProblemDetails
/// (unsigned) and are recorded too.
/// </summary>
internal sealed partial class LookupGateway(
    AccessRightsRegistry rights,
    IPacketSigner signer,
    IMessageLog messageLog,
    SubjectHasher subjects,
    Lgsp.Hub.Catalogue.ProcedureCatalogue catalogue,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<GatewayOptions> options,
    ILogger<LookupGateway> logger)
{
    private readonly string _instanceId = options.Value.MessageLog.InstanceId ?? $"{Environment.MachineName}:{Environment.ProcessId}";

    public const string JsonContentType = "application/json; charset=utf-8";
    public const string XmlContentType = "application/xml; charset=utf-8";
    public const string OkOutcome = "ok";

    /// <summary>Runs a lookup and writes the answer (or the fault) to <paramref name="http"/>.</summary>
    /// <param name="parse">Validates the inputs into the source's arguments, adding a <see cref="FieldError"/> per problem.</param>
    /// <param name="call">Calls the source.</param>
    public async Task RunAsync<TSource, TInput>(
        HttpContext http,
        LookupOperation operation,
        Func<List<FieldError>, (TInput? Input, LookupSubject Subject)> parse,
        Func<TSource, TInput, LookupContext, CancellationToken, Task<PacketBody>> call,
        ReadOnlyMemory<byte> requestBody = default)
        where TSource : class
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
        var (requestHash, requestDigest) = HashRequest(exchangeId, request, requestBody.Span);
        var record = new MessageLogRecord
        {
            InstanceId = _instanceId,
            ExchangeId = exchangeId,
            OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()),
            ClientId = clientId,
            // The officer only once it is a well-formed id (below): free text in a header is not written to the log.
            OfficerId = null,
            Purpose = Clip(purposeText, 64),
            Service = operation.Source,
            Operation = operation.Operation,
            RequestDigest = requestDigest,
            Outcome = OkOutcome,
            HttpStatus = StatusCodes.Status200OK,
            LatencyMicroseconds = 0,
        };

        var handedOver = false;
        try
        {
            // Parsed first so that even a refused exchange names its subject (as a keyed hash) in the log.
            var errors = new List<FieldError>();
            var (input, subject) = parse(errors);
            record.SubjectHash = subject.Identifier is null ? null : subjects.Hash(subject.Kind, subject.Identifier.Trim());
            var grant = rights.RequireService(clientId, operation.Source);
            var keyErrorCount = errors.Count;
            var purpose = ParsePurpose(purposeText, errors);
            var officer = ParseOfficer(officerText, operation.RequiresOfficer, errors);
            var requestId = ParseRequestId(requestIdText, errors);
            record.OfficerId = officer;
            record.CorrelationId = requestId ?? exchangeId.ToString("D");
            if (errors.Count > 0)
            {
                // A precise code when only the record's key is wrong; the generic one when anything else is.
                var error = keyErrorCount == errors.Count && errors.All(e => e.Field == operation.KeyField) ? operation.InvalidKey : ErrorCatalogue.ValidationFailed;
                throw new LgspException(error, new LocalizedText(string.Join("; ", errors.Select(e => e.MessageVi)), string.Join("; ", errors.Select(e => e.ToString()))), errors);
            }

            // A well-formed purpose that is no national procedure (the catalogue's copy, once there is one): 400.
            catalogue.Require(purpose, GatewayHeaders.Purpose);
            grant.RequirePurpose(purpose);
            var source = http.RequestServices.GetService<TSource>()
                ?? throw new LgspException(ErrorCatalogue.SourceDisabled, new($"Nền tảng này chưa cài bộ kết nối cho nguồn '{operation.Source}'.", $"No adapter for the '{operation.Source}' source is installed in this hub."));
            var context = new LookupContext { RequestId = exchangeId.ToString("N"), Purpose = purpose, OfficerId = officer, ClientId = clientId };
            var body = await call(source, input!, context, http.RequestAborted);

            var packet = new Packet(new PacketHeader
            {
                MessageId = exchangeId,
                CorrelationId = record.CorrelationId,
                Sender = rights.HubAgency,
                Receiver = grant.ClientAgency,
                Service = operation.Source,
                Operation = operation.Operation,
                CreatedAt = VietnamTime.Now(time),
                Purpose = purpose,
                OfficerId = officer,
                RequestHash = requestHash,
            }, body);
            if (grant.Fields is { } fields)
            {
                packet = CanonicalFields.Narrow(packet, fields);
            }

            var answer = WantsXml(request) ? SignXml(packet) : SignJson(packet);
            record.ResponseDigest = Convert.ToHexStringLower(SHA256.HashData(answer.Bytes));
            record.Signature = answer.SignatureForLog;
            record.LatencyMicroseconds = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;

            // No answer without its record (a storage fault here becomes the answer). From here on the record belongs
            // to the log's writer: it is hashed and stored as it is, so nothing may change it any more.
            handedOver = true;
            await messageLog.AppendAsync(record, http.RequestAborted);

            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = answer.ContentType;
            http.Response.ContentLength = answer.Bytes.Length;
            if (answer.Jws is not null)
            {
                http.Response.Headers[GatewayHeaders.Signature] = answer.Jws;
            }

            await http.Response.Body.WriteAsync(answer.Bytes, http.RequestAborted);
        }
        catch (LgspException fault) when (handedOver)
        {
            // The record of a complete exchange could not be stored: the answer is withheld.
            LogFault(logger, record.ExchangeId, record.Service, fault.Error.Code);
            await WriteProblemAsync(http, record.ExchangeId, fault.Error, fault.Detail, []);
        }
        catch (LgspException fault)
        {
            await FailAsync(http, record, started, fault);
        }
        catch (OperationCanceledException) when (handedOver && http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away while its answer's record was being committed: the record stands as written.
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away: nothing to answer, but the exchange (and any upstream call) is still recorded.
            record.Outcome = "client.aborted";
            record.HttpStatus = 499;
            record.LatencyMicroseconds = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            await TryAppendAsync(record);
        }
    }

    private async Task FailAsync(HttpContext http, MessageLogRecord record, long started, LgspException fault)
    {
        record.Outcome = fault.Error.Code;
        record.HttpStatus = fault.Error.HttpStatus;
        record.ResponseDigest = null;
        record.Signature = null;
        record.LatencyMicroseconds = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        if (fault.Error.Origin != FaultOrigin.Client)
        {
            LogFault(logger, record.ExchangeId, record.Service, fault.Error.Code);
        }

        var error = fault.Error;
        var detail = fault.Detail;
        IReadOnlyList<FieldError> fields = fault.FieldErrors;
        if (!ReferenceEquals(fault.Error, ErrorCatalogue.StorageUnavailable) && !await TryAppendAsync(record))
        {
            error = ErrorCatalogue.StorageUnavailable;
            detail = new("Không ghi được lần trao đổi này vào nhật ký thông điệp.", "The exchange could not be recorded in the message log.");
            fields = [];
        }

        await WriteProblemAsync(http, record.ExchangeId, error, detail, fields);
    }

    private static async Task WriteProblemAsync(HttpContext http, Guid exchangeId, ErrorDescriptor error, LocalizedText? detail, IReadOnlyList<FieldError> fields)
    {
        if (http.Response.HasStarted || http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var problem = ProblemDetailsMapper.ToProblemDetails(http, error, detail, fields);
        problem.Extensions["exchangeId"] = exchangeId.ToString("D");
        http.Response.StatusCode = error.HttpStatus;
        var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    private async Task<bool> TryAppendAsync(MessageLogRecord record)
    {
        try
        {
            await messageLog.AppendAsync(record, CancellationToken.None);
            return true;
        }
        catch (LgspException)
        {
            return false;
        }
    }

    private SignedAnswer SignJson(Packet packet)
    {
        var bytes = PacketJson.ToUtf8Bytes(packet);
        var jws = signer.SignDetachedJws(bytes);
        return new SignedAnswer(bytes, JsonContentType, jws, jws);
    }

    private SignedAnswer SignXml(Packet packet)
    {
        var document = PacketXml.ToXmlDocument(packet);
        var signature = signer.SignXml(document.DocumentElement!);
        var value = signature.GetElementsByTagName("SignatureValue", PacketXml.XmlDsigNamespace)[0]?.InnerText;
        return new SignedAnswer(Encoding.UTF8.GetBytes(document.OuterXml), XmlContentType, null, value);
    }

    /// <summary>XML only when the caller prefers it; JSON is the default (also for <c>*/*</c> and no Accept).</summary>
    internal static bool WantsXml(HttpRequest request)
    {
        double xml = 0, json = 0;
        foreach (var media in request.GetTypedHeaders().Accept)
        {
            var quality = media.Quality ?? 1;
            var type = media.MediaType.Value;
            if (string.Equals(type, "application/xml", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "text/xml", StringComparison.OrdinalIgnoreCase))
            {
                xml = Math.Max(xml, quality);
            }
            else if (string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase) || type is "*/*" or "application/*")
            {
                json = Math.Max(json, quality);
            }
        }

        return xml > 0 && xml > json;
    }

    private static ProcedureCode ParsePurpose(string? text, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(GatewayErrors.PurposeMissing.WithField(GatewayHeaders.Purpose));
            return default;
        }

        if (!ProcedureCode.TryParse(text, out var purpose, out var error))
        {
            errors.Add(error.WithField(GatewayHeaders.Purpose));
        }

        return purpose;
    }

    private static string? ParseOfficer(string? text, bool required, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(GatewayErrors.OfficerMissing.WithField(GatewayHeaders.OfficerId));
            }

            return null;
        }

        if (text.Length > 64 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or ':'))
        {
            errors.Add(GatewayErrors.OfficerFormat.WithField(GatewayHeaders.OfficerId));
            return null;
        }

        return text;
    }

    private static string? ParseRequestId(string? text, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length is 0 or > 128 || !text.All(c => c is > ' ' and <= '~'))
        {
            errors.Add(GatewayErrors.RequestIdFormat.WithField(GatewayHeaders.RequestId));
            return null;
        }

        return text;
    }

    /// <summary>The calling client (<c>client_id</c>, or the token's presenter), as <c>/api/v1/me</c> reads it.</summary>
    internal static string ClientOf(ClaimsPrincipal user) =>
        user.GetClaim(Claims.ClientId) ?? user.GetPresenters().FirstOrDefault() ?? "unknown";

    /// <summary>
    /// The request's two hashes, from one pass over it: the plain SHA-256 of its canonical form, which only the signed
    /// answer carries (the client knows what it sent), and the keyed digest of that hash under the message-log key,
    /// which only the log holds (a plain hash there would give back the personal id of a <c>GET …/citizens/{id}</c>).
    /// </summary>
    private (PacketDigest Hash, string Digest) HashRequest(Guid exchangeId, HttpRequest request, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        CanonicalRequest.Sha256(request, body, hash);
        return (PacketDigest.FromSha256(hash), subjects.RequestDigest(exchangeId, hash));
    }

    private static string? Single(StringValues values) => values.Count == 0 ? null : values[0];

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Exchange {ExchangeId} to {Service} failed with {Code}")]
    private static partial void LogFault(ILogger logger, Guid exchangeId, string service, string code);

    private sealed record SignedAnswer(byte[] Bytes, string ContentType, string? Jws, string? SignatureForLog);
}
