// The stand-in upstream systems: one synthetic world, served over each source's own protocol.
// Read this file as the table of contents; each feature folder wires itself.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSyntheticWorld(builder.Configuration);
builder.Services.AddFaultSwitches();
builder.Services.AddBusinessStandIn(builder.Configuration);
builder.Services.AddLandStandIn();
builder.Services.AddInsuranceStandIn(builder.Configuration);
builder.Services.AddPopulationStandIn(builder.Configuration);
builder.Services.AddCivilRegistryStandIn(builder.Configuration);
builder.Services.AddNationalIdentity(builder.Configuration);
builder.Services.AddNationalPortalStandIn(builder.Configuration);
builder.Services.AddProvincialPortalStandIn(builder.Configuration);
builder.Services.AddLienThongStandIn();

var app = builder.Build();

app.MapHealthChecks("/health");
app.MapControlApi();
app.UseFaultSwitches();
app.MapBusinessApi();
app.MapLandApi();       // gRPC: served on the sandbox's HTTP/2-only (h2c) endpoint
app.MapInsuranceApi();
app.MapPopulationApi();
app.MapCivilRegistryApi();
app.MapNationalIdentityApi(); // the DVCQG / VNeID login (OpenID Connect) under /xacthuc
app.MapNationalPortalApi();
app.MapDvcqgCatalogueApi(); // DVCQG's shared catalogues (procedures, agencies, fields)
app.MapProvincialPortalApi();
app.MapLienThongApi();      // DVCLT: birth and death registrations the province pulls

// One Map<Area>Api per stand-in, each in its own folder, each declaring its StandIn (source, paths) for the fault
// switches.

app.Run();

/// <summary>Entry point; public so integration tests can host the sandbox with WebApplicationFactory.</summary>
public partial class Program;
