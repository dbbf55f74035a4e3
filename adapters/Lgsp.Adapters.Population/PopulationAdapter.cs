using System.Security.Cryptography.Xml;
using System.Xml;
using Lgsp.Adapters.Population.Soap;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Packets;
using Lgsp.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lgsp.Adapters.Population;

/// <summary>
/// <see cref="IPopulationSource"/> over the population service's SOAP 1.1 endpoint. Every call carries the exchange
/// id (<c>MaYeuCau</c> = <see cref="LookupContext.RequestId"/>), the national procedure code (<c>MaDVC</c> =
/// <see cref="LookupContext.Purpose"/>), this LGSP's integration code (<c>MaTichHop</c>) and the officer
/// (<c>MaCanBo</c> = <see cref="LookupContext.OfficerId"/>, without which nothing is sent), and, by the credential
/// profile, the partner's <c>lgspaccesstoken</c> and the officer's <c>AuthHash</c>. By the signature profile, an answer
/// must be signed by the source's pinned certificate (verified on the very element then read), is verified when
/// signed, or is read as it comes.
/// </summary>
internal sealed partial class PopulationAdapter(
    PopulationSoapClient client, PopulationTrust trust, PopulationCredentials credentials, IOptionsMonitor<PopulationOptions> options,
    ILogger<PopulationAdapter> logger) : IPopulationSource
{
    private const string Source = SourceNames.Population;
    private const int MaxOfficerIdLength = 64;

    public async Task<Citizen> GetCitizenAsync(PersonalId personalId, LookupContext context, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var (header, sent) = Header(context, settings);
        var request = PopulationWire.Request(PopulationWire.Lookup, header, personalId);
        var answer = await CallAsync(PopulationWire.Lookup, PopulationWire.LookupAnswer, request, sent, settings, context, cancellationToken).ConfigureAwait(false);
        return Mapped(context, () => PopulationMapping.ToCitizen(answer, personalId, header.RequestId));
    }

    public async Task<CitizenVerification> VerifyCitizenAsync(CitizenVerificationRequest request, LookupContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.CurrentValue;
        var (header, sent) = Header(context, settings);
        var name = VietnameseText.ToComparisonForm(request.FullName);
        if (name.Length == 0)
        {
            throw PopulationRequestErrors.Refuse(PopulationRequestErrors.FullNameEmpty);
        }

        if (request.DateOfBirth is null && request.BirthYear is null)
        {
            throw PopulationRequestErrors.Refuse(PopulationRequestErrors.BirthMissing);
        }

        if (request.DateOfBirth is { } date && request.BirthYear is { } year && date.Year != year)
        {
            throw PopulationRequestErrors.Refuse(PopulationRequestErrors.BirthInconsistent);
        }

        var envelope = PopulationWire.Request(PopulationWire.Verify, header, request.PersonalId, name, request.DateOfBirth?.Year ?? request.BirthYear, request.DateOfBirth);
        var answer = await CallAsync(PopulationWire.Verify, PopulationWire.VerifyAnswer, envelope, sent, settings, context, cancellationToken).ConfigureAwait(false);
        return Mapped(context, () => PopulationMapping.ToVerification(answer, request.PersonalId, header.RequestId));
    }

    /// <summary>
    /// Refuses, before anything is sent, a lookup the service would refuse anyway: no officer on whose behalf, or (under
    /// <c>LgspAccessTokenAndAuthHash</c>) an officer without an account; then the header fields and the credentials.
    /// </summary>
    private (RequestHeader Header, CallCredentials Credentials) Header(LookupContext context, PopulationOptions settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var officer = context.OfficerId?.Trim();
        if (string.IsNullOrEmpty(officer))
        {
            throw PopulationRequestErrors.Refuse(PopulationRequestErrors.OfficerMissing);
        }

        if (officer.Length > MaxOfficerIdLength)
        {
            throw PopulationRequestErrors.Refuse(PopulationRequestErrors.OfficerTooLong);
        }

        var sent = Mapped(context, () => credentials.For(settings.Credentials, officer));

        // The national database knows national procedure codes; a province's suffix means nothing to it.
        return (new RequestHeader(context.RequestId, context.Purpose.NationalCode, settings.IntegrationCode!, sent.OfficerId), sent);
    }

    /// <summary>The call, then the answer located and its signature verified by profile: the element returned is the one to read.</summary>
    private async Task<XmlElement> CallAsync(
        string operation, string answerName, byte[] envelope, CallCredentials sent, PopulationOptions settings, LookupContext context, CancellationToken cancellationToken)
    {
        // Trust first: without a usable pinned certificate no signed answer could be accepted, so nothing is asked.
        var signatures = settings.AnswerSignatures;
        var verifier = signatures == AnswerSignatureProfile.Absent ? null : Mapped(context, trust.Verifier);
        string text;
        try
        {
            text = await client.CallAsync(operation, envelope, sent.Headers, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (UpstreamFaults.TryTranslate(Source, ex, cancellationToken, out var fault))
        {
            LookupFailed(logger, context.RequestId, fault.Error.Code);
            throw fault;
        }

        return Mapped(context, () =>
        {
            var answer = PopulationWire.AnswerElement(text, answerName);
            if (verifier is null)
            {
                return answer;
            }

            // Optional: a signature anywhere in the answer is checked (one that does not cover this element is refused
            // by the verifier); none at all is an unsigned answer, accepted.
            if (signatures == AnswerSignatureProfile.Optional
                && answer.OwnerDocument.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl).Count == 0)
            {
                UnsignedAccepted(logger, context.RequestId);
                return answer;
            }

            try
            {
                verifier.VerifyXml(answer);
            }
            catch (LgspException ex) when (ex.Error.Origin == FaultOrigin.Client)
            {
                // The verifier speaks of a sender's packet; here the sender is the source, and the fault is its.
                throw UpstreamFaults.SignatureInvalid(Source, new(
                    $"Chữ ký của câu trả lời bị từ chối ({ex.Error.Code}): {ex.Detail?.Vi}", $"The answer's signature was refused ({ex.Error.Code}): {ex.Detail?.En}"), ex);
            }

            return answer;
        });
    }

    private T Mapped<T>(LookupContext context, Func<T> map)
    {
        try
        {
            return map();
        }
        catch (LgspException fault)
        {
            LookupFailed(logger, context.RequestId, fault.Error.Code);
            throw;
        }
    }

    // The exchange id and the code only: no personal id, name or officer in logs.
    [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Population lookup {RequestId} failed with {Code}")]
    private static partial void LookupFailed(ILogger logger, string requestId, string code);

    [LoggerMessage(EventId = 6201, Level = LogLevel.Debug, Message = "Population answer to {RequestId} is unsigned, accepted under AnswerSignatures=Optional")]
    private static partial void UnsignedAccepted(ILogger logger, string requestId);
}
