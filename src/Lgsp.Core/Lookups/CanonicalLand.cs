using Lgsp.Core.Codes;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Lookups;

/// <summary>The land-use right certificate (GCN) of a parcel.</summary>
public sealed record LandCertificate
{
    /// <summary>The printed serial (<c>CS 123456</c>), the usual certificate number.</summary>
    public required string Serial { get; init; }

    public string? EntryNo { get; init; }

    public DateOnly? IssuedOn { get; init; }

    public string? Issuer { get; init; }
}

/// <summary>A land user (owner) of a parcel.</summary>
public sealed record LandOwner
{
    public required string FullName { get; init; }

    public PersonalId? PersonalId { get; init; }

    public int? BirthYear { get; init; }
}

/// <summary>A land parcel of the land database, identified in a ward by map sheet and parcel number.</summary>
public sealed record LandParcel : PacketBody
{
    public required string ProvinceCode { get; init; }

    public required string WardCode { get; init; }

    public string? WardName { get; init; }

    /// <summary>Số hiệu tờ bản đồ.</summary>
    public required int MapSheetNo { get; init; }

    /// <summary>Số thứ tự thửa.</summary>
    public required int ParcelNo { get; init; }

    /// <summary>In square metres.</summary>
    public decimal? Area { get; init; }

    /// <summary>Land-use purpose code (<c>ODT</c>, <c>LUC</c>, …).</summary>
    public string? LandUseCode { get; init; }

    public string? LandUseName { get; init; }

    public string? UseTerm { get; init; }

    public string? Address { get; init; }

    public LandCertificate? Certificate { get; init; }

    [PacketXmlItem("Owner")]
    public IReadOnlyList<LandOwner>? Owners { get; init; }
}
