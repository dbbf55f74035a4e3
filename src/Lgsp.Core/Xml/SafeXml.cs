using System.Xml;
using Lgsp.Core.Errors;

namespace Lgsp.Core.Xml;

/// <summary>Limits applied to every XML document the hub reads.</summary>
public sealed record SafeXmlLimits(long MaxCharacters = 4 * 1024 * 1024, int MaxDepth = 64)
{
    public static SafeXmlLimits Default { get; } = new();
}

/// <summary>
/// The only way the hub parses XML: no DTD processing at all (so no external or expanding entities),
/// no resolver, and hard limits on size and nesting depth. Anything outside that is
/// <see cref="ErrorCatalogue.UnsafeXml"/>; malformed XML is <see cref="ErrorCatalogue.InvalidPacket"/>.
/// </summary>
public static class SafeXml
{
    public static XmlReaderSettings ReaderSettings(SafeXmlLimits? limits = null)
    {
        limits ??= SafeXmlLimits.Default;
        return new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreProcessingInstructions = true,
            IgnoreComments = true,
            CloseInput = false,
        };
    }

    /// <summary>Parses into an <see cref="XmlDocument"/> with whitespace preserved (needed for signatures).</summary>
    public static XmlDocument LoadDocument(string xml, SafeXmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var text = new StringReader(xml);
        return LoadDocument(text, limits);
    }

    public static XmlDocument LoadDocument(Stream stream, SafeXmlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var text = new StreamReader(stream, leaveOpen: true);
        return LoadDocument(text, limits);
    }

    private static XmlDocument LoadDocument(TextReader text, SafeXmlLimits? limits)
    {
        limits ??= SafeXmlLimits.Default;
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var inner = XmlReader.Create(text, ReaderSettings(limits));
            using var reader = new DepthLimitingReader(inner, limits.MaxDepth);
            doc.Load(reader);
        }
        catch (XmlException ex) when (IsUnsafe(ex))
        {
            throw new LgspException(ErrorCatalogue.UnsafeXml, new("Tài liệu XML bị từ chối: " + ex.Message, ex.Message), inner: ex);
        }
        catch (XmlException ex)
        {
            throw new LgspException(ErrorCatalogue.InvalidPacket, new("Tài liệu XML không đọc được: " + ex.Message, ex.Message), inner: ex);
        }

        return doc;
    }

    private static bool IsUnsafe(XmlException ex) =>
        ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("DOCTYPE", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("entit", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("MaxCharacters", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("exceeds", StringComparison.OrdinalIgnoreCase)
        || ex.Data.Contains(DepthLimitingReader.DepthExceededKey);

    /// <summary>Wraps a reader and fails once elements nest deeper than the limit.</summary>
    private sealed class DepthLimitingReader(XmlReader inner, int maxDepth) : XmlReader
    {
        public const string DepthExceededKey = "lgsp.depth";

        public override bool Read()
        {
            var ok = inner.Read();
            if (ok && inner.NodeType == XmlNodeType.Element && inner.Depth >= maxDepth)
            {
                var ex = new XmlException($"XML nesting exceeds the limit of {maxDepth} levels.");
                ex.Data[DepthExceededKey] = true;
                throw ex;
            }

            return ok;
        }

        public override int AttributeCount => inner.AttributeCount;

        public override string BaseURI => inner.BaseURI;

        public override int Depth => inner.Depth;

        public override bool EOF => inner.EOF;

        public override bool IsEmptyElement => inner.IsEmptyElement;

        public override string LocalName => inner.LocalName;

        public override string NamespaceURI => inner.NamespaceURI;

        public override XmlNameTable NameTable => inner.NameTable;

        public override XmlNodeType NodeType => inner.NodeType;

        public override string Prefix => inner.Prefix;

        public override ReadState ReadState => inner.ReadState;

        public override string Value => inner.Value;

        public override string GetAttribute(int i) => inner.GetAttribute(i);

        public override string? GetAttribute(string name) => inner.GetAttribute(name);

        public override string? GetAttribute(string name, string? namespaceURI) => inner.GetAttribute(name, namespaceURI);

        public override string? LookupNamespace(string prefix) => inner.LookupNamespace(prefix);

        public override bool MoveToAttribute(string name) => inner.MoveToAttribute(name);

        public override bool MoveToAttribute(string name, string? ns) => inner.MoveToAttribute(name, ns);

        public override bool MoveToElement() => inner.MoveToElement();

        public override bool MoveToFirstAttribute() => inner.MoveToFirstAttribute();

        public override bool MoveToNextAttribute() => inner.MoveToNextAttribute();

        public override bool ReadAttributeValue() => inner.ReadAttributeValue();

        public override void ResolveEntity() => inner.ResolveEntity();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
