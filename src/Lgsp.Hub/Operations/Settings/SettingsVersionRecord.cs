using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Operations.Settings;

/// <summary>
/// One version of one runtime-changeable document (table <c>operations_setting_versions</c>), append-only: an adapter's
/// section or a client's access rights (<see cref="SettingsKinds"/>). Version 0 is never stored: it is the
/// configuration files. <see cref="Settings"/> is the whole document as flat configuration keys relative to its path
/// (JSON object of strings), or null when the version goes back to the files.
/// </summary>
internal sealed class SettingsVersionRecord
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    /// <summary>The source (<c>business</c>) or the client id.</summary>
    public required string Name { get; set; }

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
        modelBuilder.Entity<SettingsVersionRecord>(e =>
        {
            e.ToTable("operations_setting_versions");
            e.HasKey(x => x.Id).HasName("pk_operations_setting_versions");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(16);
            e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100);
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.Action).HasColumnName("action").HasMaxLength(16);
            e.Property(x => x.Settings).HasColumnName("settings");
            e.Property(x => x.ChangedAt).HasColumnName("changed_at");
            e.Property(x => x.ChangedBy).HasColumnName("changed_by").HasMaxLength(200);
            e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(1000);
            e.Property(x => x.RolledBackTo).HasColumnName("rolled_back_to");
            // Two operators saving on the same version: the second insert fails here, whichever instance it reached.
            e.HasIndex(x => new { x.Kind, x.Name, x.Version }).IsUnique().HasDatabaseName("ix_operations_setting_versions_kind_name_version");
        });
    }
}
