using Lgsp.Core.Codes;

namespace Lgsp.Core.Packets;

/// <summary>
/// The one canonical envelope for everything the hub routes (<c>schemas/packet/v1/</c>): a header saying who
/// sends what to whom, why and when, and exactly one typed body. JSON (<see cref="PacketJson"/>) and XML
/// (<see cref="PacketXml"/>) are two forms of the same packet.
/// </summary>
public sealed record Packet(PacketHeader Header, PacketBody Body)
{
    public const string Version = "1.0";

    /// <summary>The XML <c>Id</c> of the packet element, which an enveloped signature references.</summary>
    public string XmlId => XmlIdFor(Header.MessageId);

    public static string XmlIdFor(Guid messageId) => "pkt-" + messageId.ToString("D");
}

/// <summary>The header of <c>schemas/packet/v1</c>. Codes are canonical; every instant is in +07:00.</summary>
public sealed record PacketHeader
{
    /// <summary>Unique per packet.</summary>
    public required Guid MessageId { get; init; }

    /// <summary>Ties the packets of one business exchange together (a dossier code, the portal's request id).</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The request's <see cref="MessageId"/> when this packet answers one.</summary>
    public Guid? InReplyTo { get; init; }

    public required AgencyCode Sender { get; init; }

    public required AgencyCode Receiver { get; init; }

    /// <summary>The source or system served, lower-case: <c>population</c>, <c>business</c>, <c>dvcqg</c>, …</summary>
    public required string Service { get; init; }

    /// <summary>The operation, in the source's vocabulary where it has one (<c>XacThucThongTinCongDan</c>).</summary>
    public required string Operation { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Why the data is asked for: the national procedure (TTHC) code.</summary>
    public ProcedureCode? Purpose { get; init; }

    /// <summary>The officer on whose behalf the call is made (<c>MaCanBo</c>), where the source needs one.</summary>
    public string? OfficerId { get; init; }

    /// <summary>
    /// On an answer: the hash of the request it answers, as the client sent it (X-Road's <c>requestHash</c>). Signed
    /// with the rest of the packet, it lets the client prove which question an answer answered.
    /// </summary>
    public PacketDigest? RequestHash { get; init; }
}

/// <summary>A hash in a packet: the algorithm's name and the value in lower-case hex.</summary>
public sealed record PacketDigest
{
    /// <summary>The only algorithm of <c>schemas/packet/v1</c>.</summary>
    public const string Sha256 = "sha256";

    public required string Algorithm { get; init; }

    public required string Value { get; init; }

    /// <summary>A SHA-256 hash as a packet carries it.</summary>
    public static PacketDigest FromSha256(ReadOnlySpan<byte> hash) =>
        hash.Length == 32
            ? new PacketDigest { Algorithm = Sha256, Value = Convert.ToHexStringLower(hash) }
            : throw new ArgumentException("A SHA-256 hash is 32 bytes.", nameof(hash));
}
