using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Hub.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClientLimitRefusals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "client_limit_refusals",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    limit_name = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    refused = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_client_limit_refusals", x => new { x.client_id, x.source, x.day, x.limit_name });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "client_limit_refusals");
        }
    }
}
