namespace Lgsp.Hub.Catalogue;

/// <summary><c>Catalogue</c>: the hub's copy of DVCQG's procedure catalogue and how often it is refreshed.</summary>
internal sealed record CatalogueOptions
{
    public const string SectionName = "Catalogue";

    /// <summary>Refresh on a schedule (and at start). Off: no refresh, and codes are checked against no copy (form only).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Between the end of one refresh and the start of the next (a failed one included); 1 minute – 7 days.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(6);
}
