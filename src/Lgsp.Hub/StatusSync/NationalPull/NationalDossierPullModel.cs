using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lgsp.Hub.StatusSync.NationalPull;

/// <summary>The national dossier pull's tables in the shared <c>HubDbContext</c> (migration <c>NationalDossierPull</c>).</summary>
internal static class NationalDossierPullModel
{
    private static readonly ValueConverter<DateTimeOffset, DateTime> Utc = new(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)).ToOffset(Lgsp.Core.Time.VietnamTime.Offset));

    private static readonly ValueConverter<DateTimeOffset?, DateTime?> NullableUtc = new(
        v => v.HasValue ? v.Value.UtcDateTime : null,
        v => v.HasValue ? new DateTimeOffset(DateTime.SpecifyKind(v.Value, DateTimeKind.Utc)).ToOffset(Lgsp.Core.Time.VietnamTime.Offset) : null);

    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<NationalDossierPullRecord>(e =>
        {
            e.ToTable("national_dossier_pulls");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.NationalCode).HasColumnName("national_code").HasMaxLength(64);
            e.Property(x => x.ListId).HasColumnName("list_id").HasMaxLength(64);
            e.Property(x => x.Module).HasColumnName("module").HasMaxLength(8);
            e.Property(x => x.ProcedureCode).HasColumnName("procedure_code").HasMaxLength(64);
            e.Property(x => x.UnitCode).HasColumnName("unit_code").HasMaxLength(32);
            e.Property(x => x.DossierCode).HasColumnName("dossier_code").HasMaxLength(64);
            e.Property(x => x.StoredAt).HasColumnName("stored_at").HasConversion(Utc);
            e.Property(x => x.AcknowledgedAt).HasColumnName("acknowledged_at").HasConversion(NullableUtc);
            e.Property(x => x.AckAttempts).HasColumnName("ack_attempts");
            e.Property(x => x.ReceiptSentAt).HasColumnName("receipt_sent_at").HasConversion(NullableUtc);
            e.Property(x => x.StatusSentSeq).HasColumnName("status_sent_seq");
            e.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(2000);
            e.Property(x => x.LastErrorAt).HasColumnName("last_error_at").HasConversion(NullableUtc);
            e.HasIndex(x => x.NationalCode).IsUnique().HasDatabaseName("ux_national_dossier_pulls_national_code");
            e.HasIndex(x => x.DossierCode).IsUnique().HasDatabaseName("ux_national_dossier_pulls_dossier_code");
        });

        modelBuilder.Entity<NationalDossierPullAttachment>(e =>
        {
            e.ToTable("national_dossier_pull_attachments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.NationalCode).HasColumnName("national_code").HasMaxLength(64);
            e.Property(x => x.FileId).HasColumnName("file_id");
            e.Property(x => x.DocumentType).HasColumnName("document_type");
            e.Property(x => x.DocumentName).HasColumnName("document_name").HasMaxLength(500);
            e.Property(x => x.FileName).HasColumnName("file_name").HasMaxLength(500);
            e.Property(x => x.Withdrawn).HasColumnName("withdrawn");
            e.Property(x => x.Sha256).HasColumnName("sha256").HasMaxLength(64);
            e.Property(x => x.Size).HasColumnName("size");
            e.Property(x => x.Content).HasColumnName("content");
            e.HasIndex(x => new { x.NationalCode, x.FileId }).IsUnique().HasDatabaseName("ux_national_dossier_pull_attachments_file");
            e.HasIndex(x => x.Sha256).HasDatabaseName("ix_national_dossier_pull_attachments_sha256");
        });

        modelBuilder.Entity<NationalDossierPullRun>(e =>
        {
            e.ToTable("national_dossier_pull_runs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.StartedAt).HasColumnName("started_at").HasConversion(Utc);
            e.Property(x => x.EndedAt).HasColumnName("ended_at").HasConversion(Utc);
            e.Property(x => x.Listed).HasColumnName("listed");
            e.Property(x => x.Stored).HasColumnName("stored");
            e.Property(x => x.AlreadyStored).HasColumnName("already_stored");
            e.Property(x => x.Acknowledged).HasColumnName("acknowledged");
            e.Property(x => x.StatusesSent).HasColumnName("statuses_sent");
            e.Property(x => x.Failed).HasColumnName("failed");
            e.Property(x => x.Errors).HasColumnName("errors").HasMaxLength(4000);
        });
    }
}
