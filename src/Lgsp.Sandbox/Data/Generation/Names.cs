using Lgsp.Sandbox.Data.Records;
using Lgsp.Sandbox.Data.Reference;

namespace Lgsp.Sandbox.Data.Generation;

/// <summary>Full names by ethnic group, gender, generation and region.</summary>
internal static class Names
{
    public static HoVaTen Generate(DeterministicRandom rng, Ethnicity ethnicity, GioiTinh gender, int birthYear, Region region, string? familyName)
    {
        var style = ethnicity.Naming;
        var male = gender == GioiTinh.Nam;
        var younger = birthYear >= VietnameseNames.YoungerPoolsFrom;

        if (style.Order == NamingOrder.PrefixFirst)
        {
            var prefix = rng.Pick(male ? style.MalePrefixes! : style.FemalePrefixes!);
            var given = rng.Pick(male ? style.MaleGiven! : style.FemaleGiven!);
            var name = prefix.EndsWith('\'') ? prefix + given : $"{prefix} {given}";
            if (style.Clans is { } clans && rng.Percent(70))
            {
                name = $"{name} {rng.Pick(clans)}";
            }

            return HoVaTen.FromFullName(name);
        }

        var family = familyName
            ?? (style.FamilyNames is { } own ? rng.Pick(own) : VietnameseNames.FamilyNamesFor(region).Pick(rng));
        var middlePool = male ? style.MaleMiddle : style.FemaleMiddle;
        var middle = middlePool is not null
            ? rng.Pick(middlePool)
            : (male, younger) switch
            {
                (true, false) => VietnameseNames.MaleMiddleOlder.Pick(rng),
                (true, true) => VietnameseNames.MaleMiddleYounger.Pick(rng),
                (false, false) => VietnameseNames.FemaleMiddleOlder.Pick(rng),
                _ => VietnameseNames.FemaleMiddleYounger.Pick(rng),
            };
        var givenPool = (male ? style.MaleGiven : style.FemaleGiven)
            ?? (male ? (younger ? VietnameseNames.MaleGivenYounger : VietnameseNames.MaleGivenOlder)
                : (younger ? VietnameseNames.FemaleGivenYounger : VietnameseNames.FemaleGivenOlder));

        // "Minh Minh" or "Nguyễn Văn Văn" would look wrong: draw again (a bounded number of times, to stay deterministic and finite).
        var givenName = rng.Pick(givenPool);
        for (var i = 0; i < 4 && (givenName == middle || middle.EndsWith(givenName, StringComparison.Ordinal) || givenName == family); i++)
        {
            givenName = rng.Pick(givenPool);
        }

        return HoVaTen.FromFullName(string.Join(' ', new[] { family, middle, givenName }.Where(p => p.Length > 0)));
    }
}
