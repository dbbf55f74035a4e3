using System.Net;
using System.Xml;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Xml;

namespace Lgsp.Adapters.Population.Soap;

/// <summary>
/// SOAP 1.1 sends every fault with HTTP 500, which the standard pipeline would take for an outage and retry. Inside
/// the pipeline (once per attempt), this reads a 500 that carries a SOAP fault: a <c>soap:Client</c> fault is the
/// service refusing what the hub sent, so it ends the call at once as <c>rejected</c> (or <c>unauthorized</c> when
/// the service says this LGSP's integration code is not registered, <c>MaLoi DC02</c>), never retried and never
/// counted by the circuit breaker. A <c>soap:Server</c> fault, or a 500 that is not a SOAP fault (a gateway's own
/// error page), stays a 500 for the pipeline to treat as transient.
/// </summary>
internal sealed class SoapFaultHandler : DelegatingHandler
{
    private const string Source = SourceNames.Population;
    private const string NotRegistered = "DC02";

    /// <summary>A fault is small; a larger 500 body is not read.</summary>
    private static readonly SafeXmlLimits FaultLimits = new(MaxCharacters: 64 * 1024, MaxDepth: 16);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.InternalServerError
            || response.Content.Headers.ContentType?.MediaType is not ("text/xml" or "application/soap+xml")
            || response.Content.Headers.ContentLength > FaultLimits.MaxCharacters)
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (ReadClientFault(text) is not { } code)
        {
            return response;
        }

        response.Dispose();
        var errors = UpstreamErrors.For(Source);
        // The service's own words (faultstring) are not carried: a real service may echo what it was sent.
        throw code == NotRegistered
            ? new LgspException(errors.Unauthorized, new($"CSDL dân cư từ chối mã tích hợp của LGSP này (lỗi SOAP Client, MaLoi {code}).", $"The population service refused this LGSP's integration code (SOAP Client fault, MaLoi {code})."))
            : new LgspException(errors.Rejected, new($"CSDL dân cư từ chối yêu cầu (lỗi SOAP Client, MaLoi {code}).", $"The population service refused the request (SOAP Client fault, MaLoi {code})."));
    }

    /// <summary>The service's error code of a <c>soap:Client</c> fault (<c>-</c> when it gives none); null for anything else.</summary>
    internal static string? ReadClientFault(string text)
    {
        XmlDocument document;
        try
        {
            document = SafeXml.LoadDocument(text, FaultLimits);
        }
        catch (LgspException)
        {
            return null;
        }

        var fault = document.GetElementsByTagName("Fault", PopulationWire.SoapNamespace).OfType<XmlElement>().FirstOrDefault();
        var faultCode = fault?.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "faultcode")?.InnerText.Trim();
        if (faultCode is null)
        {
            return null;
        }

        // faultcode is a QName: "soap:Client", "SOAP-ENV:Client" or a dotted refinement like "soap:Client.Authentication".
        var local = faultCode[(faultCode.IndexOf(':', StringComparison.Ordinal) + 1)..];
        if (!local.Equals("Client", StringComparison.Ordinal) && !local.StartsWith("Client.", StringComparison.Ordinal))
        {
            return null;
        }

        var code = document.GetElementsByTagName("MaLoi", PopulationWire.Namespace).OfType<XmlElement>().FirstOrDefault()?.InnerText.Trim();
        return string.IsNullOrEmpty(code) || code.Length > 16 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? "-" : code;
    }
}
