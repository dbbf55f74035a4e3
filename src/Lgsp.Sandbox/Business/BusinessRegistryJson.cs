using System.Globalization;
using System.Text.Json.Nodes;
using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.Business;

/// <summary>
/// The registry's JSON as the national gateway relays it: <c>{ResultCode, Message, Data}</c> with <c>Data</c> in the
/// registry's upper-case vocabulary (DOMAIN.md §3.2), the head office under the misspelt <c>HOAdress</c>, and
/// <c>Representatives</c> an object when there is one representative and an array otherwise, the usual trace of
/// an XML-to-JSON conversion. Which of the two a lone representative gets is fixed by the code (an object when
/// the tenth digit is even, an array of one when odd), so both shapes occur and a given enterprise always has the same.
/// </summary>
internal static class BusinessRegistryJson
{
    public const string Success = "00";
    public const string InvalidInput = "01";
    public const string NotFound = "02";

    /// <summary>The wrapper as OpenCPS reads it: <c>Data</c> only, no <c>ResultCode</c>/<c>Message</c> (see <see cref="BusinessProfiles"/>).</summary>
    public static JsonObject FoundWithoutResultCode(DoanhNghiep enterprise)
    {
        var body = Found(enterprise);
        body.Remove("ResultCode");
        body.Remove("Message");
        return body;
    }

    /// <summary>"Not found" without a code: <c>Data</c> with nothing under <c>MainInformation</c>.</summary>
    public static JsonObject NotFoundWithoutResultCode() => new()
    {
        ["Data"] = new JsonObject { ["MainInformation"] = null, ["HOAdress"] = null, ["Representatives"] = null },
    };

    public static JsonObject Found(DoanhNghiep enterprise)
    {
        var main = enterprise.MainInformation;
        var address = enterprise.HoAddress;
        JsonNode representatives = LoneRepresentativeAsObject(enterprise)
            ? Representative(enterprise.Representatives[0])
            : new JsonArray([.. enterprise.Representatives.Select(r => (JsonNode)Representative(r))]);
        return new JsonObject
        {
            ["ResultCode"] = Success,
            ["Message"] = "Thành công",
            ["Data"] = new JsonObject
            {
                ["MainInformation"] = new JsonObject
                {
                    ["ENTERPRISE_GDT_CODE"] = main.EnterpriseGdtCode,
                    ["NAME"] = main.Name,
                    ["NAME_F"] = main.NameF,
                    ["SHORT_NAME"] = main.ShortName,
                    ["ENTERPRISE_TYPE_NAME"] = main.EnterpriseTypeName,
                    ["ENTERPRISE_STATUS_NAME"] = main.EnterpriseStatusName,
                    ["FOUNDING_DATE"] = main.FoundingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00",
                    ["CHARTER_CAPITAL"] = main.CharterCapital,
                },
                ["HOAdress"] = new JsonObject
                {
                    ["AddressFullText"] = address.AddressFullText,
                    ["StreetNumber"] = address.StreetNumber,
                    ["CityCode"] = address.CityCode,
                    ["CityName"] = address.CityName,
                    ["DistrictName"] = null, // no districts since 1 July 2025; the field stays, empty
                    ["WardCode"] = address.WardCode,
                    ["WardName"] = address.WardName,
                    ["CountryCode"] = "VN",
                },
                ["Representatives"] = representatives,
            },
        };
    }

    public static JsonObject Refusal(string resultCode, string message) => new()
    {
        ["ResultCode"] = resultCode,
        ["Message"] = message,
        ["Data"] = null,
    };

    public static bool LoneRepresentativeAsObject(DoanhNghiep enterprise) =>
        enterprise.Representatives.Count == 1 && (enterprise.MainInformation.EnterpriseGdtCode[9] - '0') % 2 == 0;

    private static JsonObject Representative(Representative representative) => new()
    {
        ["FULL_NAME"] = representative.FullName,
        ["POSITION_NAME"] = representative.Position,
        ["ID_NUMBER"] = representative.PersonalId,
    };
}
