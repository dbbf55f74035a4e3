using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Hub.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DossierAliases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_dossiers_alias",
                table: "dossiers");

            migrationBuilder.CreateTable(
                name: "dossier_alias_sequences",
                columns: table => new
                {
                    unit = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    last_value = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_alias_sequences", x => new { x.unit, x.day });
                });

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_alias",
                table: "dossiers",
                column: "alias",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_alias_sequences");

            migrationBuilder.DropIndex(
                name: "ix_dossiers_alias",
                table: "dossiers");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_alias",
                table: "dossiers",
                column: "alias");
        }
    }
}
