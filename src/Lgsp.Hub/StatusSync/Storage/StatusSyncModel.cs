using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lgsp.Hub.StatusSync.Storage;

/// <summary>
/// The status-sync tables in the shared <see cref="Hub.Storage.HubDbContext"/>. Instants are stored as UTC
/// <see cref="DateTime"/> (timestamptz on PostgreSQL, sortable text on SQLite) and read back in +07:00, so
/// comparisons and ordering work the same on both providers.
/// </summary>
internal static class StatusSyncModel
{
    public const int CodeLength = 64;

    private static readonly ValueConverter<DateTimeOffset, DateTime> Utc = new(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)).ToOffset(Lgsp.Core.Time.VietnamTime.Offset));

    private static readonly ValueConverter<DateTimeOffset?, DateTime?> NullableUtc = new(
        v => v.HasValue ? v.Value.UtcDateTime : null,
        v => v.HasValue ? new DateTimeOffset(DateTime.SpecifyKind(v.Value, DateTimeKind.Utc)).ToOffset(Lgsp.Core.Time.VietnamTime.Offset) : null);

    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DossierRecord>(e =>
        {
            e.ToTable("dossiers");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasColumnName("code").HasMaxLength(CodeLength);
            e.Property(x => x.Alias).HasColumnName("alias").HasMaxLength(CodeLength);
            e.Property(x => x.Origin).HasColumnName("origin").HasMaxLength(16);
            e.Property(x => x.AgencyCode).HasColumnName("agency_code").HasMaxLength(32);
            e.Property(x => x.AgencyPath).HasColumnName("agency_path").HasMaxLength(32);
            e.Property(x => x.ProcedureCode).HasColumnName("procedure_code").HasMaxLength(CodeLength);
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.InitialStatus).HasColumnName("initial_status");
            e.Property(x => x.ReceivedAt).HasColumnName("received_at").HasConversion(NullableUtc);
            e.Property(x => x.DueAt).HasColumnName("due_at").HasConversion(NullableUtc);
            e.Property(x => x.Version).HasColumnName("version");
            e.Property(x => x.ContentHash).HasColumnName("content_hash").HasMaxLength(64);
            e.Property(x => x.Document).HasColumnName("document");
            e.Property(x => x.VersionEventId).HasColumnName("version_event_id");
            e.Property(x => x.LastStepSeq).HasColumnName("last_step_seq");
            e.Property(x => x.LastStepStatus).HasColumnName("last_step_status");
            e.Property(x => x.LastStepAt).HasColumnName("last_step_at").HasConversion(NullableUtc);
            e.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(Utc);
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at").HasConversion(Utc);
            // Unique: an alias names one dossier at DVCQG (issue #13 item 5).
            e.HasIndex(x => x.Alias).IsUnique().HasDatabaseName("ix_dossiers_alias");
            e.HasIndex(x => new { x.AgencyPath, x.ReceivedAt }).HasDatabaseName("ix_dossiers_agency_received");
        });

        modelBuilder.Entity<DossierAliasSequence>(e =>
        {
            e.ToTable("dossier_alias_sequences");
            e.HasKey(x => new { x.Unit, x.Day });
            e.Property(x => x.Unit).HasColumnName("unit").HasMaxLength(32);
            e.Property(x => x.Day).HasColumnName("day");
            e.Property(x => x.LastValue).HasColumnName("last_value");
        });

        modelBuilder.Entity<DossierStepRecord>(e =>
        {
            e.ToTable("dossier_steps");
            e.HasKey(x => new { x.DossierCode, x.Seq });
            e.Property(x => x.DossierCode).HasColumnName("dossier_code").HasMaxLength(CodeLength);
            e.Property(x => x.Seq).HasColumnName("seq");
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at").HasConversion(Utc);
            e.Property(x => x.ContentHash).HasColumnName("content_hash").HasMaxLength(64);
            e.Property(x => x.Document).HasColumnName("document");
            e.Property(x => x.EventId).HasColumnName("event_id");
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at").HasConversion(Utc);
            e.HasOne<DossierRecord>().WithMany().HasForeignKey(x => x.DossierCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<DossierEventRecord>(e =>
        {
            e.ToTable("dossier_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.EventId).HasColumnName("event_id");
            e.Property(x => x.DossierCode).HasColumnName("dossier_code").HasMaxLength(CodeLength);
            e.Property(x => x.Destination).HasColumnName("destination").HasMaxLength(32);
            e.Property(x => x.Type).HasColumnName("type").HasMaxLength(64);
            e.Property(x => x.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(CodeLength + 16);
            e.Property(x => x.Body).HasColumnName("body");
            e.Property(x => x.TraceParent).HasColumnName("trace_parent").HasMaxLength(64);
            e.Property(x => x.TraceState).HasColumnName("trace_state").HasMaxLength(512);
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at").HasConversion(Utc);
            e.Property(x => x.Position).HasColumnName("position");
            e.Property(x => x.DeadAt).HasColumnName("dead_at").HasConversion(NullableUtc);
            e.Property(x => x.DeadReason).HasColumnName("dead_reason").HasMaxLength(2000);
            e.Property(x => x.DeadAttempts).HasColumnName("dead_attempts");
            e.HasIndex(x => x.EventId).IsUnique().HasDatabaseName("ux_dossier_events_event_id");
            e.HasIndex(x => x.Position).IsUnique().HasDatabaseName("ux_dossier_events_position");
            e.HasIndex(x => new { x.DossierCode, x.Destination, x.Id }).HasDatabaseName("ix_dossier_events_dossier");
            // The sequencer's work list: small, because positions are stamped right after commit.
            e.HasIndex(x => x.Id).HasFilter("position IS NULL").HasDatabaseName("ix_dossier_events_unpositioned");
            e.HasIndex(x => x.DeadAt).HasFilter("dead_at IS NOT NULL").HasDatabaseName("ix_dossier_events_dead");
            e.HasOne<DossierRecord>().WithMany().HasForeignKey(x => x.DossierCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<DossierSyncStateRecord>(e =>
        {
            e.ToTable("dossier_sync_states");
            e.HasKey(x => new { x.DossierCode, x.Destination });
            e.Property(x => x.DossierCode).HasColumnName("dossier_code").HasMaxLength(CodeLength);
            e.Property(x => x.Destination).HasColumnName("destination").HasMaxLength(32);
            e.Property(x => x.State).HasColumnName("state");
            e.Property(x => x.LastEventId).HasColumnName("last_event_id");
            e.Property(x => x.LastPublishedId).HasColumnName("last_published_id");
            e.Property(x => x.LastDeliveredId).HasColumnName("last_delivered_id");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(2000);
            e.Property(x => x.LastSyncedAt).HasColumnName("last_synced_at").HasConversion(NullableUtc);
            e.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at").HasConversion(Utc);
            e.Property(x => x.LeaseOwner).HasColumnName("lease_owner").HasMaxLength(64);
            e.Property(x => x.LeaseUntil).HasColumnName("lease_until").HasConversion(NullableUtc);
            // The relay's work list: pairs with events not yet handed on.
            e.HasIndex(x => x.NextAttemptAt).HasFilter("last_published_id < last_event_id").HasDatabaseName("ix_dossier_sync_states_due");
            e.HasOne<DossierRecord>().WithMany().HasForeignKey(x => x.DossierCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_records");
            e.HasKey(x => new { x.Scope, x.Key });
            e.Property(x => x.Scope).HasColumnName("scope").HasMaxLength(128);
            e.Property(x => x.Key).HasColumnName("key").HasMaxLength(255);
            e.Property(x => x.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
            e.Property(x => x.StatusCode).HasColumnName("status_code");
            e.Property(x => x.Response).HasColumnName("response");
            e.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(Utc);
            e.HasIndex(x => x.CreatedAt).HasDatabaseName("ix_idempotency_records_created_at");
        });

        modelBuilder.Entity<FeedCursorRecord>(e =>
        {
            e.ToTable("dossier_feed_cursor");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.LastPosition).HasColumnName("last_position");
            e.HasData(new FeedCursorRecord { Id = 1, LastPosition = 0 });
        });
    }
}
