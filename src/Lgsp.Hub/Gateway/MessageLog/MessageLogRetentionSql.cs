namespace Lgsp.Hub.Gateway.MessageLog;

/// <summary>
/// The append-only triggers as the retention purge needs them (migration <c>DataAccessMessageLogRetention</c>): a
/// record may be deleted only when its id is at most <c>message_log_head.purged_through</c>, which itself only moves
/// forward; updates and <c>TRUNCATE</c> stay refused. The earlier triggers (<see cref="MessageLogModel"/>) are what
/// the migration's <c>Down</c> puts back.
/// </summary>
internal static class MessageLogRetentionSql
{
    public const string SqliteUp = """
        DROP TRIGGER IF EXISTS message_log_no_delete;
        CREATE TRIGGER message_log_no_delete BEFORE DELETE ON message_log WHEN OLD.id > (SELECT purged_through FROM message_log_head WHERE id = 1) BEGIN SELECT RAISE(ABORT, 'message_log is append-only'); END;
        DROP TRIGGER IF EXISTS message_log_head_forward;
        CREATE TRIGGER message_log_head_forward BEFORE UPDATE ON message_log_head WHEN NEW.last_id < OLD.last_id OR NEW.purged_through < OLD.purged_through BEGIN SELECT RAISE(ABORT, 'message_log_head only moves forward'); END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS message_log_no_delete;
        CREATE TRIGGER message_log_no_delete BEFORE DELETE ON message_log BEGIN SELECT RAISE(ABORT, 'message_log is append-only'); END;
        DROP TRIGGER IF EXISTS message_log_head_forward;
        CREATE TRIGGER message_log_head_forward BEFORE UPDATE ON message_log_head WHEN NEW.last_id < OLD.last_id BEGIN SELECT RAISE(ABORT, 'message_log_head only moves forward'); END;
        """;

    public const string PostgresUp = """
        CREATE OR REPLACE FUNCTION message_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' AND OLD.id <= (SELECT purged_through FROM message_log_head WHERE id = 1) THEN RETURN OLD; END IF;
          RAISE EXCEPTION 'message_log is append-only';
        END $$;
        CREATE OR REPLACE FUNCTION message_log_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' OR NEW.last_id < OLD.last_id OR NEW.purged_through < OLD.purged_through THEN RAISE EXCEPTION 'message_log_head only moves forward'; END IF;
          RETURN NEW;
        END $$;
        """;

    public const string PostgresDown = """
        CREATE OR REPLACE FUNCTION message_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'message_log is append-only'; END $$;
        CREATE OR REPLACE FUNCTION message_log_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' OR NEW.last_id < OLD.last_id THEN RAISE EXCEPTION 'message_log_head only moves forward'; END IF;
          RETURN NEW;
        END $$;
        """;
}
