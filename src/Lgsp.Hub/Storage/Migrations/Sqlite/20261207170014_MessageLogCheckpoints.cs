using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Hub.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessageLogCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "message_log_checkpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    first_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    document = table.Column<string>(type: "TEXT", nullable: false),
                    signature = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_log_checkpoints", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_message_log_checkpoints_last_id",
                table: "message_log_checkpoints",
                column: "last_id",
                unique: true);

            // Append-only, like message_log (MessageLogModel); keep this line if the migration is regenerated.
            migrationBuilder.Sql(Lgsp.Hub.Gateway.MessageLog.MessageLogModel.SqliteCheckpointTriggers);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Lgsp.Hub.Gateway.MessageLog.MessageLogModel.SqliteDropCheckpointTriggers);
            migrationBuilder.DropTable(
                name: "message_log_checkpoints");
        }
    }
}
