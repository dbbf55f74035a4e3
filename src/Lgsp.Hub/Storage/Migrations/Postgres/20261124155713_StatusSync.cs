using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lgsp.Hub.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StatusSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossier_feed_cursor",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    last_position = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_feed_cursor", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dossiers",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    alias = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    origin = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    agency_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    agency_path = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    procedure_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    initial_status = table.Column<int>(type: "integer", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    document = table.Column<string>(type: "text", nullable: false),
                    version_event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_step_seq = table.Column<int>(type: "integer", nullable: true),
                    last_step_status = table.Column<int>(type: "integer", nullable: true),
                    last_step_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossiers", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    scope = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    response = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_records", x => new { x.scope, x.key });
                });

            migrationBuilder.CreateTable(
                name: "dossier_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dossier_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    destination = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    trace_state = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: true),
                    dead_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    dead_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    dead_attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_dossier_events_dossiers_dossier_code",
                        column: x => x.dossier_code,
                        principalTable: "dossiers",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dossier_steps",
                columns: table => new
                {
                    dossier_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    document = table.Column<string>(type: "text", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_steps", x => new { x.dossier_code, x.seq });
                    table.ForeignKey(
                        name: "FK_dossier_steps_dossiers_dossier_code",
                        column: x => x.dossier_code,
                        principalTable: "dossiers",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dossier_sync_states",
                columns: table => new
                {
                    dossier_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    destination = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    last_event_id = table.Column<long>(type: "bigint", nullable: false),
                    last_published_id = table.Column<long>(type: "bigint", nullable: false),
                    last_delivered_id = table.Column<long>(type: "bigint", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    last_synced_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    lease_owner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    lease_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_sync_states", x => new { x.dossier_code, x.destination });
                    table.ForeignKey(
                        name: "FK_dossier_sync_states_dossiers_dossier_code",
                        column: x => x.dossier_code,
                        principalTable: "dossiers",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "dossier_feed_cursor",
                columns: new[] { "id", "last_position" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_events_dead",
                table: "dossier_events",
                column: "dead_at",
                filter: "dead_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_dossier_events_dossier",
                table: "dossier_events",
                columns: new[] { "dossier_code", "destination", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_events_unpositioned",
                table: "dossier_events",
                column: "id",
                filter: "position IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_dossier_events_event_id",
                table: "dossier_events",
                column: "event_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_dossier_events_position",
                table: "dossier_events",
                column: "position",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dossier_sync_states_due",
                table: "dossier_sync_states",
                column: "next_attempt_at",
                filter: "last_published_id < last_event_id");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_agency_received",
                table: "dossiers",
                columns: new[] { "agency_path", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_alias",
                table: "dossiers",
                column: "alias");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_created_at",
                table: "idempotency_records",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_events");

            migrationBuilder.DropTable(
                name: "dossier_feed_cursor");

            migrationBuilder.DropTable(
                name: "dossier_steps");

            migrationBuilder.DropTable(
                name: "dossier_sync_states");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "dossiers");
        }
    }
}
