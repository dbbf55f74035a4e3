// The LGSP hub: read this file as the table of contents; each feature folder wires itself.
using Lgsp.Hub.Gateway.MessageLog;

var builder = WebApplication.CreateBuilder(MessageLogCommand.HostArguments(args));
builder.Configuration.AddLgspConfigDirectory(builder.Environment);
// Production mode (Configuration/ProductionMode.cs): refuse to serve until every production setting is there, all listed at once.
if (!MessageLogCommand.IsCommand(args))
{
    builder.RequireProductionSettings();
}

builder.Services.AddLgspForwardedHeaders(builder.Configuration);
builder.AddLgspManagementEndpoint();

builder.Services.AddLgspErrors();
builder.Services.AddLgspObservability(builder.Configuration);
builder.Services.AddLgspTracing(builder.Configuration);
builder.Services.AddLgspStorage(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddLgspSigning(builder.Configuration);
builder.Services.AddLgspIdentity(builder.Configuration);
builder.Services.AddLgspDossiers();
// Adapters and access rights bind from the configuration with the operators' stored versions over it (Operations/README.md).
var runtimeSettings = Lgsp.Hub.Operations.Settings.RuntimeSettings.Over(builder.Configuration);
builder.Services.AddLgspAdapters(runtimeSettings.Configuration);
builder.Services.AddLgspOperations(builder.Configuration, runtimeSettings);
builder.Services.AddLgspGateway(runtimeSettings.Configuration);
builder.Services.AddLgspKafka(builder.Configuration);
builder.Services.AddLgspStatusSync(builder.Configuration);
builder.Services.AddLgspCatalogue(builder.Configuration);
builder.Services.AddLgspIndicators(builder.Configuration);
builder.Services.AddLgspDataAccess();
builder.Services.AddLgspApiDocs();

var app = builder.Build();

// `message-log verify [--from <id>]`: check the message log's hash chain and exit (Gateway/README.md).
if (MessageLogCommand.IsCommand(args))
{
    return await MessageLogCommand.RunAsync(app.Services, args, Console.Out);
}

app.UseLgspForwardedHeaders();
app.UseLgspErrors();
app.UseLgspManagementGate();
app.UseLgspIdentity();
app.UseLgspMaintenance();
app.MapLgspObservability();
app.MapLgspIdentity();
app.MapLgspGateway();
app.MapLgspApiDocs();
app.MapLgspStatusSync();
app.MapLgspIndicators();
app.MapLgspConsole();
app.MapLgspOperations();
app.MapLgspCatalogue();
app.MapLgspDataAccess();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host the hub with WebApplicationFactory.</summary>
public partial class Program;
