using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// One version of one adapter's settings (table <c>operations_adapter_versions</c>), append-only. Version 0 is never
/// stored: it is the configuration files. <see cref="Settings"/> is the whole section as flat configuration keys
/// relative to <c>Adapters:&lt;source&gt;</c> (JSON object of strings), or null when the version goes back to the files.
/// </summary>
internal sealed class AdapterVersionRecord
{
    public long Id { get; set; }

    public required string Source { get; set; }

    public int Version { get; set; }

    /// <summary><c>change</c>, <c>enable</c>, <c>disable</c> or <c>rollback</c>.</summary>
    public required string Action { get; set; }

    public string? Settings { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Who: the operator's user name, or the client of a machine token (CLI, automation).</summary>
    public required string ChangedBy { get; set; }

    public required string Reason { get; set; }

    public int? RolledBackTo { get; set; }
}

internal static class OperationsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AdapterVersionRecord>(e =>
        {
            e.ToTable("operations_adapter_versions");
            e.HasKey(x => x.Id).HasName("pk_operations_adapter_versions");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(32);
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Action).HasColumnName("action").HasMaxLength(16);
            e.Property(x => x.Settings).HasColumnName("settings");
            e.Property(x => x.ChangedAt).HasColumnName("changed_at");
            e.Property(x => x.ChangedBy).HasColumnName("changed_by").HasMaxLength(200);
            e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(1000);
            e.Property(x => x.RolledBackTo).HasColumnName("rolled_back_to");
            // Two operators saving on the same version: the second insert fails here, whichever instance it reached.
            e.HasIndex(x => new { x.Source, x.Version }).IsUnique().HasDatabaseName("ix_operations_adapter_versions_source_version");
        });
    }
}
