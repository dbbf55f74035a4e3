using Lgsp.Core.Codes;
using Lgsp.Core.Packets;

namespace Lgsp.Core.Lookups;

/// <summary>The names of the national sources, as used in error codes (<c>upstream.population.timeout</c>) and in
/// the packet header's <c>service</c>.</summary>
public static class SourceNames
{
    public const string Population = "population";
    public const string Business = "business";
    public const string Land = "land";
    public const string Insurance = "insurance";
    public const string CivilRegistry = "civilregistry";

    public static IReadOnlyList<string> All { get; } = [Population, Business, Land, Insurance, CivilRegistry];
}

/// <summary>
/// What every lookup carries to its source: the exchange id (the population database's <c>MaYeuCau</c>), why the
/// data is asked for (the procedure code, <c>MaDVC</c>), the officer on whose behalf (<c>MaCanBo</c>, required by the
/// population database) and the calling client.
/// </summary>
public sealed record LookupContext
{
    public required string RequestId { get; init; }

    public required ProcedureCode Purpose { get; init; }

    public string? OfficerId { get; init; }

    public required string ClientId { get; init; }
}

/// <summary>What a citizen says about themselves, to be checked against the population database.</summary>
public sealed record CitizenVerificationRequest
{
    public required PersonalId PersonalId { get; init; }

    public required string FullName { get; init; }

    /// <summary>The date of birth, or only the year for people whose record has only the year.</summary>
    public DateOnly? DateOfBirth { get; init; }

    public int? BirthYear { get; init; }
}

/// <summary>Where a parcel is: the ward, the map sheet and the parcel number.</summary>
public sealed record ParcelKey(string WardCode, int MapSheetNo, int ParcelNo);

/// <summary>Where a civil-registry entry is filed: kind (KS, KT, KH), office, book and number.</summary>
public sealed record CivilRegistrationKey(string Kind, string OfficeCode, string BookNo, int RegistrationNo);

// One contract per source. Implementations (adapters/) speak the source's protocol and map to the canonical
// records; every failure is an LgspException with the source's upstream.<source>.* error (not found included).

/// <summary>CSDL quốc gia về dân cư (SOAP).</summary>
public interface IPopulationSource
{
    Task<Citizen> GetCitizenAsync(PersonalId personalId, LookupContext context, CancellationToken cancellationToken);

    Task<CitizenVerification> VerifyCitizenAsync(CitizenVerificationRequest request, LookupContext context, CancellationToken cancellationToken);
}

/// <summary>CSDL quốc gia về đăng ký doanh nghiệp (REST).</summary>
public interface IBusinessRegistrySource
{
    Task<Enterprise> GetEnterpriseAsync(EnterpriseCode code, LookupContext context, CancellationToken cancellationToken);
}

/// <summary>CSDL đất đai (gRPC).</summary>
public interface ILandSource
{
    Task<LandParcel> GetParcelAsync(ParcelKey key, LookupContext context, CancellationToken cancellationToken);

    Task<LandParcel> GetParcelByCertificateAsync(string certificateSerial, LookupContext context, CancellationToken cancellationToken);
}

/// <summary>CSDL bảo hiểm xã hội (REST, signed requests).</summary>
public interface ISocialInsuranceSource
{
    Task<SocialInsuranceRecord> GetParticipantAsync(SocialInsuranceCode code, LookupContext context, CancellationToken cancellationToken);
}

/// <summary>CSDL hộ tịch điện tử (REST carrying XML records).</summary>
public interface ICivilRegistrySource
{
    Task<CivilRegistration> GetRegistrationAsync(CivilRegistrationKey key, LookupContext context, CancellationToken cancellationToken);

    Task<CivilRegistrationList> FindBySubjectAsync(PersonalId personalId, LookupContext context, CancellationToken cancellationToken);
}
