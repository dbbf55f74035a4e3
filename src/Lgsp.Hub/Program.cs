// The LGSP hub: read this file as the table of contents; each feature folder wires itself.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddLgspConfigDirectory(builder.Environment);

builder.Services.AddLgspErrors();
builder.Services.AddLgspObservability();
builder.Services.AddLgspStorage(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddLgspSigning(builder.Configuration);
builder.Services.AddLgspIdentity(builder.Configuration);
builder.Services.AddLgspDossiers();
builder.Services.AddLgspAdapters(builder.Configuration);
builder.Services.AddLgspStatusSync(builder.Configuration);
builder.Services.AddLgspApiDocs();

var app = builder.Build();

app.UseLgspErrors();
app.UseLgspIdentity();
app.MapLgspObservability();
app.MapLgspIdentity();
app.MapLgspApiDocs();
app.MapStatusSyncApi();

app.Run();

/// <summary>Entry point; public so integration tests can host the hub with WebApplicationFactory.</summary>
public partial class Program;
