using System.Globalization;

namespace Lgsp.Sandbox.NationalIdentity;

/// <summary>What a relying party asks for with <c>acr_values</c> (<c>LoA1</c>, <c>LoA2</c>, space-separated).</summary>
internal static class AssuranceLevels
{
    /// <summary>The values the provider advertises in discovery (<c>acr_values_supported</c>).</summary>
    public static IReadOnlyList<string> Supported { get; } = [nameof(AssuranceLevel.LoA1), nameof(AssuranceLevel.LoA2)];

    public static string Name(AssuranceLevel level) => level == AssuranceLevel.LoA2 ? nameof(AssuranceLevel.LoA2) : nameof(AssuranceLevel.LoA1);

    /// <summary>
    /// The level an account must reach: the lowest <c>LoA&lt;n&gt;</c> listed (any listed level satisfies the
    /// relying party), or null when none is. Values that are not <c>LoA&lt;n&gt;</c> are ignored, as OpenID
    /// Connect lets a provider do with values it does not know. A level above 2 (which no VNeID account has)
    /// comes back as it is, so the caller can refuse it.
    /// </summary>
    public static int? Required(string? acrValues)
    {
        int? lowest = null;
        foreach (var value in (acrValues ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (value.Length > 3 && value.StartsWith("LoA", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(value.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level >= 1)
            {
                lowest = lowest is null ? level : Math.Min(lowest.Value, level);
            }
        }

        return lowest;
    }

    /// <summary>True when the account's level meets the request (no request is always met).</summary>
    public static bool Meets(AssuranceLevel level, int? required) => required is null || (int)level >= required.Value;
}
