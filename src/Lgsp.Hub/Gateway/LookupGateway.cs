using System.Security.Cryptography;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Lgsp.Core.Signing;
using Lgsp.Core.Time;
using Lgsp.Hub.Errors;
using Lgsp.Hub.Gateway.AccessRights;
using Lgsp.Hub.Gateway.MessageLog;

namespace Lgsp.Hub.Gateway;

/// <summary>What one gateway operation is: its source, operation name, and the catalogue error for a bad key.</summary>
internal sealed record LookupOperation(string Source, string Operation, ErrorDescriptor InvalidKey, string KeyField, bool RequiresOfficer = false);

/// <summary>
/// One exchange through the gateway, in X-Road's order. The steps are those of <c>Gateway/README.md</c> ("One exchange,
/// step by step"), in the same order, and each is marked <c>// :: Step n</c> where it runs:
/// <list type="number">
/// <item>token and scope, checked before the gateway (the endpoint's <c>RequireScope</c>): no exchange yet;</item>
/// <item>the exchange opens: its id, the hash of the request as sent (<see cref="CanonicalRequest"/>), its record;</item>
/// <item>the client's right to the source, then its limits there (rate, share of the source, daily quota);</item>
/// <item>every input validated, all problems listed; nothing is sent upstream if any;</item>
/// <item>the purpose: a national procedure, then one the right allows;</item>
/// <item>subject binding: a person's token reaches that person's own records only, unless an official's of a granted agency (<see cref="SubjectBinding"/>);</item>
/// <item>the source called;</item>
/// <item>the packet: its header carries the request's hash (X-Road's request hash); its body narrowed to the client's fields;</item>
/// <item>signed: a detached JWS, or an enveloped XML-DSig on <c>Accept: application/xml</c>;</item>
/// <item>recorded in the message log;</item>
/// <item>and only then answered.</item>
/// </list>
/// A fault in steps 3–9 is answered as ProblemDetails (unsigned) and recorded too; one in step 10 withholds the answer.
/// <see cref="RunAsync"/> is three parts: <see cref="LookupExchange.Open"/> (1–2), <see cref="AnswerAsync"/> (3–9), <see cref="CommitAndWriteAsync"/> (10–11).
/// </summary>
internal sealed partial class LookupGateway(
    AccessRightsRegistry rights,
    Limits.ClientLimits limits,
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
    /// <param name="input">The endpoint's inputs as its parser (<see cref="GatewayInputs"/>) read them, problems included.</param>
    /// <param name="call">Calls the source.</param>
    public async Task RunAsync<TSource, TInput>(
        HttpContext http,
        LookupOperation operation,
        LookupInput<TInput> input,
        Func<TSource, TInput, LookupContext, CancellationToken, Task<PacketBody>> call,
        ReadOnlyMemory<byte> requestBody = default)
        where TSource : class
    {
        // :: Step 1: token and scope were checked before the gateway (the endpoint's RequireScope).

        // :: Step 2: the exchange opens: its id (on every answer), the request's two hashes, its record.
        var exchange = LookupExchange.Open(http, operation, requestBody.Span, _instanceId, subjects, time);

        // :: Steps 3–9: judged, called, packed and signed; a fault is answered as ProblemDetails and recorded.
        SignedAnswer answer;
        try
        {
            // The hub's own refusals (access right, limits, inputs) come back as values: a refused or overloaded
            // exchange costs no exception. A fault raised further in (purpose, subject, the source) is caught below.
            var (answered, refusal) = await AnswerAsync(http, exchange, operation, input, call);
            if (refusal is not null)
            {
                await FailAsync(http, exchange, refusal);
                return;
            }

            answer = answered!;
        }
        catch (LgspException fault)
        {
            await FailAsync(http, exchange, fault);
            return;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away: nothing to answer, but the exchange (and any upstream call) is still recorded.
            var record = exchange.Record;
            record.Outcome = "client.aborted";
            record.HttpStatus = 499;
            record.LatencyMicroseconds = exchange.ElapsedMicroseconds;
            await TryAppendAsync(record);
            return;
        }

        // :: Steps 10–11: recorded, then answered.
        await CommitAndWriteAsync(http, exchange.Record, answer);
    }

    /// <summary>
    /// Steps 3–9: the signed answer, or the hub's refusal at steps 3, 4 or 7 (returned, not thrown), or an
    /// <see cref="LgspException"/> naming another step's fault.
    /// </summary>
    private async Task<(SignedAnswer? Answer, LgspException? Refusal)> AnswerAsync<TSource, TInput>(
        HttpContext http,
        LookupExchange exchange,
        LookupOperation operation,
        LookupInput<TInput> input,
        Func<TSource, TInput, LookupContext, CancellationToken, Task<PacketBody>> call)
        where TSource : class
    {
        var record = exchange.Record;
        var exchangeId = record.ExchangeId;
        var clientId = exchange.ClientId;

        // :: Step 3: the client's right to the source, then its limits there. The endpoint read the inputs already
        // (nothing judged yet), so that even a refused exchange names its subject, as a keyed hash, in the log.
        using var judged = GatewayTelemetry.Start("lgsp.gateway.access_check", operation.Source, exchangeId);
        var subject = input.Subject;
        record.SubjectHash = subject.Identifier is null ? null : subjects.Hash(subject.Kind, subject.Identifier.Trim());
        if (!rights.TryGetService(clientId, operation.Source, out var grant))
        {
            return (null, AccessRightsRegistry.ServiceNotAllowed(clientId, operation.Source));
        }

        // Per-client limits: rate, then share of the source's slots (held to the end); else 429. In memory only.
        var (share, limited) = await limits.AdmitAsync(http, grant);
        if (limited is not null)
        {
            return (null, limited);
        }

        using var held = share;

        // :: Step 4: every input validated (key, body, headers), all problems listed; nothing is sent upstream if any.
        var errors = new List<FieldError>(input.Errors);
        var keyErrorCount = errors.Count;
        var headers = GatewayInputs.Headers(exchange.PurposeText, exchange.OfficerText, exchange.RequestIdText, operation.RequiresOfficer);
        errors.AddRange(headers.Errors);
        var purpose = headers.Purpose;
        var officer = headers.OfficerId;
        var requestId = headers.RequestId;
        record.OfficerId = officer;
        record.CorrelationId = requestId ?? exchangeId.ToString("D");
        if (errors.Count > 0)
        {
            // A precise code when only the record's key is wrong; the generic one when anything else is.
            var error = keyErrorCount == errors.Count && errors.All(e => e.Field == operation.KeyField) ? operation.InvalidKey : ErrorCatalogue.ValidationFailed;
            return (null, new LgspException(error, new LocalizedText(string.Join("; ", errors.Select(e => e.MessageVi)), string.Join("; ", errors.Select(e => e.ToString()))), errors));
        }

        // :: Step 5: the purpose. A well-formed purpose that is no national procedure (the catalogue's copy, once
        // there is one): 400; then one the client's right does not allow: 403.
        catalogue.Require(purpose, GatewayHeaders.Purpose);
        grant.RequirePurpose(purpose);

        // :: Step 6: subject binding: a person's token (not client credentials) to that person's own records only.
        SubjectBinding.Require(http.User, grant, input.Value, officer, exchangeId, logger);
        judged?.Stop();

        // :: Step 7: the source, through its adapter's resilience pipeline, once the call is counted against the client's
        // daily quota (only now: an exchange refused above writes nothing, not even a count).
        if (await limits.CountDailyQuotaAsync(http, grant, http.RequestAborted) is { } overQuota)
        {
            return (null, overQuota);
        }

        var source = http.RequestServices.GetService<TSource>()
            ?? throw new LgspException(ErrorCatalogue.SourceDisabled, new($"Nền tảng này chưa cài bộ kết nối cho nguồn '{operation.Source}'.", $"No adapter for the '{operation.Source}' source is installed in this hub."));
        var context = new LookupContext { RequestId = exchangeId.ToString("N"), Purpose = purpose, OfficerId = officer, ClientId = clientId };
        PacketBody body;
        using (GatewayTelemetry.Start("lgsp.gateway.upstream", operation.Source, exchangeId))
        {
            body = await call(source, input.Value!, context, http.RequestAborted);
        }

        // :: Step 8: the packet, its header carrying the request's hash; narrowed before signing, so the signature
        // covers exactly what the client receives.
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
            RequestHash = exchange.RequestHash,
        }, body);
        if (grant.Fields is { } fields)
        {
            packet = CanonicalFields.Narrow(packet, fields);
        }

        // :: Step 9: signed, in the form the caller asked for.
        SignedAnswer answer;
        using (GatewayTelemetry.Start("lgsp.gateway.sign", operation.Source, exchangeId))
        {
            answer = WantsXml(http.Request) ? SignXml(packet) : SignJson(packet);
        }
        record.ResponseDigest = Convert.ToHexStringLower(SHA256.HashData(answer.Bytes));
        record.Signature = answer.SignatureForLog;
        record.LatencyMicroseconds = exchange.ElapsedMicroseconds;
        return (answer, null);
    }

    /// <summary>Steps 10–11: the record committed, then the answer written; a record that cannot be stored withholds the answer.</summary>
    private async Task CommitAndWriteAsync(HttpContext http, MessageLogRecord record, SignedAnswer answer)
    {
        try
        {
            // :: Step 10: recorded. No answer without its record (a storage fault here becomes the answer). From here on
            // the record belongs to the log's writer: it is hashed and stored as it is, so nothing may change it any more.
            using (GatewayTelemetry.Start("lgsp.gateway.message_log", record.Service, record.ExchangeId))
            {
                await messageLog.AppendAsync(record, http.RequestAborted);
            }

            // :: Step 11: answered, with the bytes that were signed.
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = answer.ContentType;
            http.Response.ContentLength = answer.Bytes.Length;
            if (answer.Jws is not null)
            {
                http.Response.Headers[GatewayHeaders.Signature] = answer.Jws;
            }

            await http.Response.Body.WriteAsync(answer.Bytes, http.RequestAborted);
        }
        catch (LgspException fault)
        {
            // The record of a complete exchange could not be stored: the answer is withheld.
            LogFault(logger, record.ExchangeId, record.Service, fault.Error.Code);
            await WriteProblemAsync(http, record.ExchangeId, fault.Error, fault.Detail, []);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away while its answer's record was being committed: the record stands as written.
        }
    }
}
