using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Hub.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DataAccessMessageLogRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "purged_through",
                table: "message_log_head",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.UpdateData(
                table: "message_log_head",
                keyColumn: "id",
                keyValue: 1,
                column: "purged_through",
                value: 0L);

            // Deletions allowed up to purged_through only; purged_through only moves forward (MessageLogRetentionSql).
            migrationBuilder.Sql(Lgsp.Hub.Gateway.MessageLog.MessageLogRetentionSql.SqliteUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Lgsp.Hub.Gateway.MessageLog.MessageLogRetentionSql.SqliteDown);
            migrationBuilder.DropColumn(
                name: "purged_through",
                table: "message_log_head");
        }
    }
}
