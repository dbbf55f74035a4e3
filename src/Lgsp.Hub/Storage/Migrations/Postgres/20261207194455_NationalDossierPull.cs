using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lgsp.Hub.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NationalDossierPull : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "national_dossier_pull_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    national_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    file_id = table.Column<int>(type: "integer", nullable: false),
                    document_type = table.Column<int>(type: "integer", nullable: false),
                    document_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    file_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    withdrawn = table.Column<bool>(type: "boolean", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_national_dossier_pull_attachments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "national_dossier_pull_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    listed = table.Column<int>(type: "integer", nullable: false),
                    stored = table.Column<int>(type: "integer", nullable: false),
                    already_stored = table.Column<int>(type: "integer", nullable: false),
                    acknowledged = table.Column<int>(type: "integer", nullable: false),
                    statuses_sent = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    errors = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_national_dossier_pull_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "national_dossier_pulls",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    national_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    list_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    module = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    procedure_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    dossier_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    stored_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ack_attempts = table.Column<int>(type: "integer", nullable: false),
                    receipt_sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    status_sent_seq = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    last_error_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_national_dossier_pulls", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_national_dossier_pull_attachments_sha256",
                table: "national_dossier_pull_attachments",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ux_national_dossier_pull_attachments_file",
                table: "national_dossier_pull_attachments",
                columns: new[] { "national_code", "file_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_national_dossier_pulls_dossier_code",
                table: "national_dossier_pulls",
                column: "dossier_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_national_dossier_pulls_national_code",
                table: "national_dossier_pulls",
                column: "national_code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "national_dossier_pull_attachments");

            migrationBuilder.DropTable(
                name: "national_dossier_pull_runs");

            migrationBuilder.DropTable(
                name: "national_dossier_pulls");
        }
    }
}
