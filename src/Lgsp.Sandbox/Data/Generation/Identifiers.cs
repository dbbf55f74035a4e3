using Lgsp.Core.Codes;
using Lgsp.Sandbox.Data.Records;

namespace Lgsp.Sandbox.Data.Generation;

/// <summary>
/// Personal ids, old CMND numbers and household book numbers. The 12-digit id is built by the hub's own
/// <see cref="PersonalId.CreateCccd"/> (so the sandbox never carries a second copy of its rules) from the province
/// where the birth was registered as it was then (Vĩnh Yên 1990 → 026, Phú Thọ), gender, year and a random serial.
/// </summary>
internal static class Identifiers
{
    public static void Assign(IReadOnlyList<PersonDraft> people, IReadOnlyList<HouseholdDraft> households, DeterministicRandom rng)
    {
        // Sets only answer "is this taken?"; nothing iterates them, so their order cannot reach the data.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            var province = "0" + person.BirthWard.BirthProvinceCode(person.BirthDate);
            var gender = person.Gender == GioiTinh.Nam ? Gender.Male : Gender.Female;
            string id;
            do
            {
                id = PersonalId.CreateCccd(province, gender, person.BirthDate.Year, rng.Next(1_000_000)).Value;
            }
            while (!taken.Add(id));

            person.PersonalId = id;

            // The 9-digit CMND was issued to adults before the chip-based CCCD; many living people still have one on record.
            if (person.IsAlive && person.BirthDate.Year <= 2000 && rng.Percent(55))
            {
                string cmnd;
                do
                {
                    cmnd = person.BirthWard.Former.CmndPrefix + rng.Digits(7);
                }
                while (!taken.Add(cmnd));

                person.OldId = cmnd;
            }
        }

        foreach (var household in households)
        {
            string number;
            do
            {
                number = household.Ward.Former.CmndPrefix + rng.Digits(7);
            }
            while (!taken.Add("HK" + number));

            household.Number = number;
        }
    }
}
