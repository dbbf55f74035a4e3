using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Hub.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProcedureCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalogue_agencies",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_agencies", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_fields",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_fields", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_procedures",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_procedures", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_refresh",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    last_success_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    last_failure_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    last_error_code = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_error_detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    consecutive_failures = table.Column<int>(type: "INTEGER", nullable: false),
                    total_failures = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_refresh", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalogue_agencies");

            migrationBuilder.DropTable(
                name: "catalogue_fields");

            migrationBuilder.DropTable(
                name: "catalogue_procedures");

            migrationBuilder.DropTable(
                name: "catalogue_refresh");
        }
    }
}
