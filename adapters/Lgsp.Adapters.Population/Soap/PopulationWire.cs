using System.Globalization;
using System.Text;
using System.Xml;
using Lgsp.Adapters.Sdk.Faults;
using Lgsp.Core.Codes;
using Lgsp.Core.Errors;
using Lgsp.Core.Lookups;
using Lgsp.Core.Xml;

namespace Lgsp.Adapters.Population.Soap;

/// <summary>
/// The population service's SOAP 1.1 vocabulary (DOMAIN.md §3.1): requests written with the fields in the schema's
/// order, answers read through <see cref="SafeXml"/> and located at the one place the adapter reads them from.
/// </summary>
internal static class PopulationWire
{
    public const string Namespace = "http://dancuquocgia.bca";
    public const string SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Lookup = "TraCuuThongTinCongDan";
    public const string Verify = "XacThucThongTinCongDan";
    public const string LookupAnswer = "CongdanCollection";
    public const string VerifyAnswer = "KetQuaXacThuc";

    private const string Source = SourceNames.Population;

    /// <summary>The answers are small; more than this is not an answer of this service.</summary>
    private static readonly SafeXmlLimits AnswerLimits = new(MaxCharacters: 1024 * 1024, MaxDepth: 32);

    /// <summary>The <c>SOAPAction</c> header value of an operation (quoted, as SOAP 1.1 writes it).</summary>
    public static string ActionOf(string operation) => "\"" + Namespace + "/" + operation + "\"";

    /// <summary>
    /// A request in the schema's order: <c>MaYeuCau</c>, <c>MaDVC</c>, <c>MaTichHop</c>, <c>MaCanBo</c>, then the
    /// person (<c>SoDinhDanh</c> for a 12-digit id, <c>SoCMND</c> for an old 9-digit one), <c>HoVaTen</c> and
    /// <c>NgayThangNamSinh{Nam, NgayThangNam}</c> when given. UTF-8 bytes.
    /// </summary>
    public static byte[] Request(string operation, RequestHeader header, PersonalId person, string? comparisonName = null, int? birthYear = null, DateOnly? dateOfBirth = null)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = false };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("soap", "Envelope", SoapNamespace);
            writer.WriteAttributeString("xmlns", "dc", null, Namespace);
            writer.WriteStartElement("soap", "Body", SoapNamespace);
            writer.WriteStartElement("dc", operation, Namespace);
            Field(writer, "MaYeuCau", header.RequestId);
            Field(writer, "MaDVC", header.ProcedureCode);
            Field(writer, "MaTichHop", header.IntegrationCode);
            Field(writer, "MaCanBo", header.OfficerId);
            Field(writer, person.Kind == PersonalIdKind.Cmnd9 ? "SoCMND" : "SoDinhDanh", person.Value);
            if (comparisonName is not null)
            {
                Field(writer, "HoVaTen", comparisonName);
            }

            if (birthYear is { } year)
            {
                writer.WriteStartElement("dc", "NgayThangNamSinh", Namespace);
                Field(writer, "Nam", year.ToString("D4", CultureInfo.InvariantCulture));
                if (dateOfBirth is { } date)
                {
                    Field(writer, "NgayThangNam", date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
                }

                writer.WriteEndElement();
            }

            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Parses an answer (no DTD, size and depth limits) and returns <c>Envelope/Body/&lt;answer&gt;</c>, the only
    /// element the adapter reads: the Body must hold exactly that element. Anything else is <c>bad_response</c>.
    /// </summary>
    public static XmlElement AnswerElement(string text, string answerName)
    {
        XmlDocument document;
        try
        {
            document = SafeXml.LoadDocument(text, AnswerLimits);
        }
        catch (LgspException ex) when (ex.Error.Origin == FaultOrigin.Client)
        {
            // SafeXml speaks of the caller's XML; here the source sent it.
            throw UpstreamFaults.Malformed(Source, new($"Câu trả lời không phải XML đọc được ({ex.Error.Code}).", $"The answer is not readable XML ({ex.Error.Code})."), ex);
        }

        var envelope = document.DocumentElement;
        if (envelope is null || envelope.LocalName != "Envelope" || envelope.NamespaceURI != SoapNamespace)
        {
            throw UpstreamFaults.Malformed(Source, new("Câu trả lời không phải phong bì SOAP 1.1.", "The answer is not a SOAP 1.1 envelope."));
        }

        var bodies = Children(envelope).Where(e => e.LocalName == "Body" && e.NamespaceURI == SoapNamespace).ToList();
        if (bodies.Count != 1)
        {
            throw UpstreamFaults.Malformed(Source, new("Phong bì của câu trả lời phải có đúng một Body.", "The answer's envelope must have exactly one Body."));
        }

        var content = Children(bodies[0]).ToList();
        if (content.Count != 1 || content[0].LocalName != answerName || content[0].NamespaceURI != Namespace)
        {
            throw UpstreamFaults.Malformed(Source, new($"Body của câu trả lời phải chứa đúng một {answerName}.", $"The answer's Body must hold exactly one {answerName}."));
        }

        return content[0];
    }

    public static IEnumerable<XmlElement> Children(XmlElement parent) => parent.ChildNodes.OfType<XmlElement>();

    /// <summary>The single child in the service's namespace, or null; two of them is a malformed answer.</summary>
    public static XmlElement? Child(XmlElement? parent, string name)
    {
        if (parent is null)
        {
            return null;
        }

        XmlElement? found = null;
        foreach (var child in Children(parent))
        {
            if (child.LocalName == name && child.NamespaceURI == Namespace)
            {
                found = found is null ? child : throw UpstreamFaults.Malformed(Source, new($"{parent.LocalName} có nhiều hơn một {name}.", $"{parent.LocalName} has more than one {name}."));
            }
        }

        return found;
    }

    /// <summary>The trimmed text of a child; null when absent or empty (the service writes absent values as empty elements).</summary>
    public static string? Text(XmlElement? parent, string name) =>
        Child(parent, name) is { } e && !string.IsNullOrWhiteSpace(e.InnerText) ? e.InnerText.Trim() : null;

    private static void Field(XmlWriter writer, string name, string value) => writer.WriteElementString("dc", name, Namespace, value);
}

/// <summary>What every call carries (DOMAIN.md §7 item 8): the exchange id, the procedure, this LGSP and the officer.</summary>
internal sealed record RequestHeader(string RequestId, string ProcedureCode, string IntegrationCode, string OfficerId);
