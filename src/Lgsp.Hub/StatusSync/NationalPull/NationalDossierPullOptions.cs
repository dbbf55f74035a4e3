using System.ComponentModel.DataAnnotations;

namespace Lgsp.Hub.StatusSync.NationalPull;

/// <summary>The <c>NationalDossierPull</c> section: the schedule and how a pulled dossier becomes a hub dossier.</summary>
internal sealed class NationalDossierPullOptions
{
    public const string SectionName = "NationalDossierPull";

    /// <summary>Run the scheduled pull on this instance (every instance may: a dossier is stored once whoever pulls it).</summary>
    public bool Enabled { get; set; }

    /// <summary>Time between the end of one pull and the start of the next.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The receiving agency of a pulled dossier, by the national side's unit code (<c>maDonVi</c>).</summary>
    public Dictionary<string, string> Units { get; set; } = [];

    /// <summary>The receiving agency of a unit not in <see cref="Units"/>.</summary>
    [Required]
    public string DefaultAgencyCode { get; set; } = "H56";

    /// <summary>Largest attachment stored (decoded bytes); a larger one fails its dossier, which stays unacknowledged.</summary>
    [Range(1, 64L * 1024 * 1024)]
    public long MaxAttachmentBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Statuses sent back per pull.</summary>
    [Range(1, 10_000)]
    public int StatusBatch { get; set; } = 100;
}
