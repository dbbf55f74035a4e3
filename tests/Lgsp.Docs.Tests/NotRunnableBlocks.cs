namespace Lgsp.Docs.Tests;

/// <summary>
/// The README shell blocks that cannot run against the hub <c>./run.sh</c> starts, each with the reason, named by
/// file and first line (without its trailing comment). Any other shell block must be marked
/// <c>&lt;!-- runnable --&gt;</c>: a new unmarked block fails <see cref="ReadmeMarkersTests"/> until it is marked
/// or added here.
/// </summary>
internal static class NotRunnableBlocks
{
    private const string TestProjects = "runs a test project and starts ./run.sh itself (the test runs under dotnet test already)";

    public static readonly IReadOnlyDictionary<(string File, string FirstLine), string> Reasons = new Dictionary<(string, string), string>
    {
        [("README.md", "./run.sh")] = "starts the hub and runs every test: what this test runs under",
        [("README.md", "Storage__Provider=Postgres \\")] = "needs a PostgreSQL server named db",
        [("README.md", "LGSP_TEST_POSTGRES=\"Host=127.0.0.1;Port=5432;Username=postgres;Password=…\" ./test.sh")] = "runs every test against a PostgreSQL server of yours",
        [("README.md", "LGSP_TEST_KAFKA=\"kafka1:9092,kafka2:9092\" ./test.sh")] = "runs every test against a Kafka cluster of yours",
        [("README.md", "Kafka__BootstrapServers=kafka1:9092,kafka2:9092 \\")] = "needs a Kafka cluster with SASL credentials",
        [("README.md", "LGSP_SIGNING_PFX_PASSWORD=… \\")] = "a production signing certificate and its password",
        [("adapters/Lgsp.Adapters.Business/README.md", "dotnet test tests/Lgsp.Adapters.Business.Tests")] = TestProjects + "; switches the stand-in's shape",
        [("adapters/Lgsp.Adapters.CivilRegistry/README.md", "dotnet test tests/Lgsp.Adapters.CivilRegistry.Tests")] = TestProjects + "; <office>, <number> are the reader's",
        [("adapters/Lgsp.Adapters.Insurance/README.md", "dotnet test tests/Lgsp.Adapters.Insurance.Tests")] = TestProjects + "; the lookup is meant to answer 401",
        [("adapters/Lgsp.Adapters.Land/README.md", "dotnet test tests/Lgsp.Adapters.Land.Tests")] = TestProjects,
        [("adapters/Lgsp.Adapters.NationalPortal/README.md", "dotnet test tests/Lgsp.Adapters.NationalPortal.Tests")] = TestProjects + "; <MaHoSo> is the reader's",
        [("adapters/Lgsp.Adapters.Population/README.md", "dotnet test tests/Lgsp.Adapters.Population.Tests")] = TestProjects + "; PERSONAL_ID is the reader's",
        [("adapters/Lgsp.Adapters.ProvincialPortal/README.md", "dotnet test tests/Lgsp.Adapters.ProvincialPortal.Tests")] = TestProjects,
        [("bench/README.md", "dotnet run -c Release --project bench/Lgsp.Bench.Tokens -- --seconds 20 --concurrency 32 [--store postgres] [--no-secret-cache] [--api]")] = "a benchmark: minutes of load on its own hub",
        [("bench/README.md", "bench/lookups.sh [--seconds 15] [--connections 64] [--rate 1000] [--low-rate 200] [--store sqlite|postgres|both] [--keep] \\")] = "a benchmark: needs nginx and minutes of load on its own hub",
        [("bench/README.md", "bench/sync.sh [--seconds 20] [--warmup 3] [--clients 16] [--batch 200] [--rate 1000] [--low-rate 200] [--e2e-seconds 30] [--e2e-dossiers 2000] [--keep]")] = "a benchmark: needs pgbench and minutes of load on its own hub",
        [("bench/README.md", "./cluster.sh up 3")] = "starts a cluster of its own (3 hubs, nginx, PostgreSQL, Kafka mock, sandbox) on other ports than ./run.sh's",
        [("bench/README.md", "bench/soak.sh --duration 60s")] = "a soak: its own cluster under load and faults for minutes",
        [("bench/README.md", "bench/hostile.sh [N]")] = "runs a test project: 10,000 hostile inputs against a hub of its own, minutes",
        [("deploy/README.md", "kubectl -n lgsp create secret generic lgsp-hub-secrets \\")] = "needs a Kubernetes cluster and the deployment's own secrets",
        [("deploy/README.md", "docker build -f deploy/Dockerfile -t registry.tinh.gov.vn/lgsp/hub:1.0.0 . && docker push registry.tinh.gov.vn/lgsp/hub:1.0.0")] =
            "needs a container engine, a registry and a cluster, none of which runs here",
        [("schemas/proto/README.md", "grpcurl -plaintext -import-path schemas/proto -proto land/v1/land.proto \\")] = "needs grpcurl, which the project does not install",
        [("src/Lgsp.Cli/README.md", "lgsp adapters set business --reason \"Bỏ khối\" --set rateLimit=null --if-version 4")] = "versions, a dead letter's id and a cursor of the reader's own",
        [("src/Lgsp.Hub/Catalogue/README.md", "dotnet test tests/Lgsp.Hub.Tests --filter \"FullyQualifiedName~Lgsp.Hub.Tests.Catalogue\"")] = "runs a test project",
        [("src/Lgsp.Hub/Gateway/README.md", "dotnet run --project src/Lgsp.Hub -- message-log verify")] = "the auditor's command needs a PostgreSQL database and published checkpoint files",
        [("tests/Lgsp.Docs.Tests/README.md", "dotnet test tests/Lgsp.Docs.Tests")] = "runs this test",
        [("src/Lgsp.Sandbox/README.md", "dotnet run --project src/Lgsp.Sandbox -- --urls http://127.0.0.1:8090")] = "starts a sandbox of its own on 8090 and keeps running",
        [("src/Lgsp.Sandbox/README.md", "curl -X PUT localhost:8090/_sandbox/faults/dvcqg -H 'content-type: application/json' -d '{\"mode\":\"down\"}'")] =
            "stages a 10-second DVCQG outage and leaves it rate-limited for 2,000 calls",
    };
}
