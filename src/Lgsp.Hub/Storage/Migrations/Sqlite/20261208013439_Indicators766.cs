using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lgsp.Hub.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Indicators766 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "indicator766_counters",
                columns: table => new
                {
                    agency_path = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    procedure_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    field_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: false),
                    measure = table.Column<int>(type: "INTEGER", nullable: false),
                    due_day = table.Column<int>(type: "INTEGER", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator766_counters", x => new { x.agency_path, x.procedure_code, x.field_code, x.month, x.measure, x.due_day });
                });

            migrationBuilder.CreateTable(
                name: "indicator766_dossier_facts",
                columns: table => new
                {
                    dossier_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    agency_path = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    procedure_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    field_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    keys = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_indicator766_dossier_facts", x => x.dossier_code);
                });

            migrationBuilder.CreateIndex(
                name: "ix_indicator766_counters_month_agency",
                table: "indicator766_counters",
                columns: new[] { "month", "agency_path" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "indicator766_counters");

            migrationBuilder.DropTable(
                name: "indicator766_dossier_facts");
        }
    }
}
