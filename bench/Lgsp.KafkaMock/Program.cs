// librdkafka's mock cluster in a process of its own: the Kafka cluster of ./cluster.sh and of the soak (bench/README.md).
// The hub is given only the bootstrap list, as it would be given a real cluster's; nothing of the mock is in the hub.
//   dotnet Lgsp.KafkaMock.dll [--brokers 3] [--control 127.0.0.1:9190] [--bootstrap-file <path>]
// Prints "bootstrap <list>" (the brokers as metadata returns them) and stays up until SIGTERM or Ctrl+C.
// Control (loopback HTTP): GET /bootstrap; POST /brokers/down, /brokers/up (all), /brokers/<id>/down, /brokers/<id>/up.
using System.Net;
using System.Text;
using Confluent.Kafka;
using Lgsp.Testing.Kafka;

var brokers = int.Parse(Option("--brokers") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
var control = Option("--control") ?? "127.0.0.1:9190";
var bootstrapFile = Option("--bootstrap-file");

using var cluster = KafkaTestCluster.Start(brokers);
if (!cluster.IsMock)
{
    Console.Error.WriteLine($"{KafkaTestCluster.EnvironmentVariable} is set: there is a real cluster, no mock to host.");
    return 2;
}

// The bootstrap list as a client sees it: the brokers metadata returns (what the hub will connect to).
using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build())
{
    var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
    var listed = string.Join(',', metadata.Brokers.OrderBy(b => b.BrokerId).Select(b => $"{b.Host}:{b.Port}"));
    Console.WriteLine($"bootstrap {listed}");
    Console.WriteLine($"brokers {metadata.Brokers.Count} (ids {string.Join(',', metadata.Brokers.Select(b => b.BrokerId).Order())})");
    if (bootstrapFile is not null)
    {
        await File.WriteAllTextAsync(bootstrapFile + ".tmp", listed);
        File.Move(bootstrapFile + ".tmp", bootstrapFile, overwrite: true);
    }
}

using var listener = new HttpListener();
listener.Prefixes.Add($"http://{control}/");
listener.Start();
Console.WriteLine($"control http://{control}/");

using var stop = new CancellationTokenSource();
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
using var closing = stop.Token.Register(listener.Stop);

while (!stop.IsCancellationRequested)
{
    HttpListenerContext context;
    try
    {
        context = await listener.GetContextAsync();
    }
    catch (Exception) when (stop.IsCancellationRequested)
    {
        break;
    }

    var (status, text) = Handle(context.Request.HttpMethod, context.Request.Url!.AbsolutePath.Trim('/').Split('/'));
    Console.WriteLine($"control {context.Request.HttpMethod} {context.Request.Url.AbsolutePath}: {status} {text}");
    var body = Encoding.UTF8.GetBytes(text + "\n");
    context.Response.StatusCode = status;
    context.Response.ContentType = "text/plain; charset=utf-8";
    await context.Response.OutputStream.WriteAsync(body);
    context.Response.Close();
}

Console.WriteLine("stopped");
return 0;

(int Status, string Text) Handle(string method, string[] path)
{
    switch (method, path)
    {
        case ("GET", ["bootstrap"]):
            return (200, cluster.BootstrapServers);
        case ("POST", ["brokers", "down" or "up"]):
            for (var id = 1; id <= cluster.BrokerCount; id++)
            {
                cluster.SetBroker(id, path[1] == "up");
            }

            return (200, $"all {cluster.BrokerCount} brokers {path[1]}");
        case ("POST", ["brokers", var id, "down" or "up"]) when int.TryParse(id, out var broker) && broker >= 1 && broker <= cluster.BrokerCount:
            cluster.SetBroker(broker, path[2] == "up");
            return (200, $"broker {broker} {path[2]}");
        default:
            return (404, "GET /bootstrap; POST /brokers/down|up, /brokers/<1.." + cluster.BrokerCount + ">/down|up");
    }
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
