namespace Lgsp.Sandbox.Data.Records;

/// <summary>
/// An enterprise or a branch as the national business registry returns it: <c>MainInformation</c>,
/// <c>HOAddress</c> and <c>Representatives</c> (wire names in the comments; the C# names are their PascalCase).
/// </summary>
internal sealed record DoanhNghiep(MainInformation MainInformation, HoAddress HoAddress, IReadOnlyList<Representative> Representatives)
{
    /// <summary>For a branch (<c>0101234567-001</c>), the enterprise it belongs to.</summary>
    public string? ParentCode => MainInformation.EnterpriseGdtCode.Length > 10 ? MainInformation.EnterpriseGdtCode[..10] : null;

    public bool IsBranch => ParentCode is not null;
}

/// <param name="Name"><c>NAME</c>, upper case with diacritics as registered.</param>
/// <param name="EnterpriseGdtCode"><c>ENTERPRISE_GDT_CODE</c>: 10 digits, or 10+3 for a branch.</param>
/// <param name="EnterpriseTypeName"><c>ENTERPRISE_TYPE_NAME</c>.</param>
/// <param name="EnterpriseStatusName"><c>ENTERPRISE_STATUS_NAME</c>.</param>
/// <param name="FoundingDate"><c>FOUNDING_DATE</c>.</param>
/// <param name="ShortName"><c>SHORT_NAME</c>.</param>
/// <param name="NameF"><c>NAME_F</c>, the foreign (English) name.</param>
/// <param name="CharterCapital">Charter capital in VND (none for branches).</param>
internal sealed record MainInformation(
    string Name,
    string EnterpriseGdtCode,
    string EnterpriseTypeName,
    string EnterpriseStatusName,
    DateOnly FoundingDate,
    string? ShortName,
    string? NameF,
    long? CharterCapital);

/// <summary><c>HOAddress</c>: the head office, full text plus its parts (no district since 2025).</summary>
internal sealed record HoAddress(string AddressFullText, string StreetNumber, string CityCode, string CityName, string WardCode, string WardName);

/// <summary>A legal representative (<c>FULL_NAME</c>) and the citizen behind it.</summary>
internal sealed record Representative(string FullName, string PersonalId, string Position, DateOnly BirthDate);
