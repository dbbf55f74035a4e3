using Microsoft.EntityFrameworkCore;

namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>The message log's tables in <see cref="Storage.HubDbContext"/> (snake_case, like the rest of the schema).</summary>
internal static class MessageLogModel
{
    public const string Table = "message_log";
    public const string HeadTable = "message_log_head";
    public const string CheckpointTable = "message_log_checkpoints";

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MessageLogRecord>(e =>
        {
            e.ToTable(Table);
            e.HasKey(x => x.Id).HasName("pk_message_log");
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.InstanceId).HasColumnName("instance_id").HasMaxLength(128);
            e.Property(x => x.ExchangeId).HasColumnName("exchange_id");
            e.Property(x => x.CorrelationId).HasColumnName("correlation_id").HasMaxLength(128);
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.ClientId).HasColumnName("client_id").HasMaxLength(100);
            e.Property(x => x.OfficerId).HasColumnName("officer_id").HasMaxLength(64);
            e.Property(x => x.Purpose).HasColumnName("purpose").HasMaxLength(64);
            e.Property(x => x.Service).HasColumnName("service").HasMaxLength(32);
            e.Property(x => x.Operation).HasColumnName("operation").HasMaxLength(64);
            e.Property(x => x.SubjectHash).HasColumnName("subject_hash").HasMaxLength(64);
            e.Property(x => x.RequestDigest).HasColumnName("request_digest").HasMaxLength(64);
            e.Property(x => x.ResponseDigest).HasColumnName("response_digest").HasMaxLength(64);
            e.Property(x => x.Signature).HasColumnName("signature").HasMaxLength(4096);
            e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(100);
            e.Property(x => x.HttpStatus).HasColumnName("http_status");
            e.Property(x => x.LatencyMicroseconds).HasColumnName("latency_us");
            e.Property(x => x.PreviousHash).HasColumnName("previous_hash").HasMaxLength(64);
            e.Property(x => x.Hash).HasColumnName("hash").HasMaxLength(64);
            e.HasIndex(x => x.ExchangeId).IsUnique().HasDatabaseName("ix_message_log_exchange_id");
            e.HasIndex(x => x.SubjectHash).HasDatabaseName("ix_message_log_subject_hash");
            e.HasIndex(x => x.OccurredAt).HasDatabaseName("ix_message_log_occurred_at");
        });

        modelBuilder.Entity<MessageLogHead>(e =>
        {
            e.ToTable(HeadTable);
            e.HasKey(x => x.Id).HasName("pk_message_log_head");
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.LastId).HasColumnName("last_id");
            e.Property(x => x.LastHash).HasColumnName("last_hash").HasMaxLength(64);
            e.Property(x => x.PurgedThrough).HasColumnName("purged_through");
            e.HasData(new MessageLogHead { Id = MessageLogHead.SingletonId, LastId = 0, LastHash = MessageLogChain.Genesis });
        });

        modelBuilder.Entity<MessageLogCheckpoint>(e =>
        {
            e.ToTable(CheckpointTable);
            e.HasKey(x => x.Id).HasName("pk_message_log_checkpoints");
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.FirstId).HasColumnName("first_id");
            e.Property(x => x.LastId).HasColumnName("last_id");
            e.Property(x => x.LastHash).HasColumnName("last_hash").HasMaxLength(64);
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.InstanceId).HasColumnName("instance_id").HasMaxLength(128);
            e.Property(x => x.Document).HasColumnName("document");
            e.Property(x => x.Signature).HasColumnName("signature").HasMaxLength(4096);
            e.HasIndex(x => x.LastId).IsUnique().HasDatabaseName("ix_message_log_checkpoints_last_id");
        });
    }

    // Append-only in the database itself: a writer (or an operator by mistake) cannot change or remove a record, nor
    // move the head backwards, without first dropping a trigger, which a DBA-level tamperer can do; the hash chain
    // catches that case (MessageLogVerifier).
    public const string SqliteTriggers = """
        CREATE TRIGGER message_log_no_update BEFORE UPDATE ON message_log BEGIN SELECT RAISE(ABORT, 'message_log is append-only'); END;
        CREATE TRIGGER message_log_no_delete BEFORE DELETE ON message_log BEGIN SELECT RAISE(ABORT, 'message_log is append-only'); END;
        CREATE TRIGGER message_log_head_forward BEFORE UPDATE ON message_log_head WHEN NEW.last_id < OLD.last_id BEGIN SELECT RAISE(ABORT, 'message_log_head only moves forward'); END;
        CREATE TRIGGER message_log_head_no_delete BEFORE DELETE ON message_log_head BEGIN SELECT RAISE(ABORT, 'message_log_head is permanent'); END;
        """;

    public const string PostgresTriggers = """
        CREATE FUNCTION message_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'message_log is append-only'; END $$;
        CREATE FUNCTION message_log_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' OR NEW.last_id < OLD.last_id THEN RAISE EXCEPTION 'message_log_head only moves forward'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER message_log_no_change BEFORE UPDATE OR DELETE ON message_log FOR EACH ROW EXECUTE FUNCTION message_log_refuse();
        CREATE TRIGGER message_log_no_truncate BEFORE TRUNCATE ON message_log FOR EACH STATEMENT EXECUTE FUNCTION message_log_refuse();
        CREATE TRIGGER message_log_head_forward BEFORE UPDATE OR DELETE ON message_log_head FOR EACH ROW EXECUTE FUNCTION message_log_head_forward();
        """;

    // The checkpoints are evidence too: the database refuses to change or remove them (dropping the triggers is the
    // owner's way round, and the copies outside the database are what catches that).
    public const string SqliteCheckpointTriggers = """
        CREATE TRIGGER message_log_checkpoints_no_update BEFORE UPDATE ON message_log_checkpoints BEGIN SELECT RAISE(ABORT, 'message_log_checkpoints is append-only'); END;
        CREATE TRIGGER message_log_checkpoints_no_delete BEFORE DELETE ON message_log_checkpoints BEGIN SELECT RAISE(ABORT, 'message_log_checkpoints is append-only'); END;
        """;

    public const string PostgresCheckpointTriggers = """
        CREATE FUNCTION message_log_checkpoints_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'message_log_checkpoints is append-only'; END $$;
        CREATE TRIGGER message_log_checkpoints_no_change BEFORE UPDATE OR DELETE ON message_log_checkpoints FOR EACH ROW EXECUTE FUNCTION message_log_checkpoints_refuse();
        CREATE TRIGGER message_log_checkpoints_no_truncate BEFORE TRUNCATE ON message_log_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION message_log_checkpoints_refuse();
        """;

    public const string SqliteDropCheckpointTriggers = """
        DROP TRIGGER IF EXISTS message_log_checkpoints_no_update; DROP TRIGGER IF EXISTS message_log_checkpoints_no_delete;
        """;

    public const string PostgresDropCheckpointTriggers = """
        DROP TRIGGER IF EXISTS message_log_checkpoints_no_change ON message_log_checkpoints;
        DROP TRIGGER IF EXISTS message_log_checkpoints_no_truncate ON message_log_checkpoints;
        DROP FUNCTION IF EXISTS message_log_checkpoints_refuse();
        """;

    public const string SqliteDropTriggers = """
        DROP TRIGGER IF EXISTS message_log_no_update; DROP TRIGGER IF EXISTS message_log_no_delete;
        DROP TRIGGER IF EXISTS message_log_head_forward; DROP TRIGGER IF EXISTS message_log_head_no_delete;
        """;

    public const string PostgresDropTriggers = """
        DROP TRIGGER IF EXISTS message_log_no_change ON message_log; DROP TRIGGER IF EXISTS message_log_no_truncate ON message_log;
        DROP TRIGGER IF EXISTS message_log_head_forward ON message_log_head;
        DROP FUNCTION IF EXISTS message_log_refuse(); DROP FUNCTION IF EXISTS message_log_head_forward();
        """;
}
