using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Hub.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossier_sequences",
                columns: table => new
                {
                    agency_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    last_value = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_sequences", x => new { x.agency_code, x.day });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_sequences");
        }
    }
}
