using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Hub.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessageLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "message_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    exchange_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    correlation_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    officer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    service = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    request_digest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    response_digest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    signature = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    http_status = table.Column<int>(type: "INTEGER", nullable: false),
                    latency_us = table.Column<long>(type: "INTEGER", nullable: false),
                    previous_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "message_log_head",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    last_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_log_head", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "message_log_head",
                columns: new[] { "id", "last_hash", "last_id" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.CreateIndex(
                name: "ix_message_log_exchange_id",
                table: "message_log",
                column: "exchange_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_message_log_occurred_at",
                table: "message_log",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_message_log_subject_hash",
                table: "message_log",
                column: "subject_hash");

            migrationBuilder.Sql(Lgsp.Hub.Gateway.MessageLog.MessageLogModel.SqliteTriggers);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Lgsp.Hub.Gateway.MessageLog.MessageLogModel.SqliteDropTriggers);

            migrationBuilder.DropTable(
                name: "message_log");

            migrationBuilder.DropTable(
                name: "message_log_head");
        }
    }
}
