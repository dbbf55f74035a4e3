using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Lgsp.Testing.Kafka;

/// <summary>
/// A Kafka cluster for a test run. When <c>LGSP_TEST_KAFKA</c> holds a bootstrap list, that real cluster is used;
/// otherwise librdkafka's mock cluster is started in this process: real brokers speaking the Kafka protocol over
/// TCP on loopback ports (their addresses come back from metadata like any cluster's). The hub is only ever given
/// <see cref="BootstrapServers"/>, exactly as it would be given a production cluster's; nothing of the mock is in
/// the hub.
/// </summary>
/// <remarks>
/// Outages: a TCP relay in front of the brokers would only carry the bootstrap connection, because clients then
/// connect to the addresses the brokers advertise. The mock cluster can instead take its brokers down and up
/// (librdkafka's public mock API: connections are closed and new ones refused), which is what
/// <see cref="CutConnections"/> does. A real cluster offers no such control, so <see cref="SupportsOutages"/> is
/// false for it.
/// </remarks>
public sealed class KafkaTestCluster : IDisposable
{
    public const string EnvironmentVariable = "LGSP_TEST_KAFKA";

    private readonly IntPtr _owner;
    private readonly IntPtr _mock;
    private readonly int _brokers;
    private readonly Lock _gate = new();
    private bool _disposed;

    private KafkaTestCluster(string bootstrapServers, IntPtr owner, IntPtr mock, int brokers)
    {
        BootstrapServers = bootstrapServers;
        _owner = owner;
        _mock = mock;
        _brokers = brokers;
    }

    /// <summary>The bootstrap list to hand to the hub (<c>Kafka:BootstrapServers</c>).</summary>
    public string BootstrapServers { get; }

    public bool IsMock => _mock != IntPtr.Zero;

    public bool SupportsOutages => IsMock;

    /// <summary>The real cluster of <c>LGSP_TEST_KAFKA</c>, or a new in-process mock cluster with that many brokers.</summary>
    public static KafkaTestCluster Start(int brokers = 3)
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new KafkaTestCluster(external, IntPtr.Zero, IntPtr.Zero, 0);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        var errors = new StringBuilder(512);
        var owner = Native.rd_kafka_new(0 /* producer */, Native.rd_kafka_conf_new(), errors, (UIntPtr)errors.Capacity);
        if (owner == IntPtr.Zero)
        {
            throw new InvalidOperationException("librdkafka could not create the mock cluster's owner: " + errors);
        }

        var mock = Native.rd_kafka_mock_cluster_new(owner, brokers);
        if (mock == IntPtr.Zero)
        {
            Native.rd_kafka_destroy(owner);
            throw new InvalidOperationException("librdkafka could not create a mock cluster.");
        }

        var bootstrap = Marshal.PtrToStringUTF8(Native.rd_kafka_mock_cluster_bootstraps(mock))!;
        return new KafkaTestCluster(bootstrap, owner, mock, brokers);
    }

    /// <summary>Creates a topic (idempotent on a real cluster: an existing topic is fine).</summary>
    public async Task CreateTopicAsync(string name, int partitions, short replicationFactor = 3)
    {
        if (IsMock)
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                Check(Native.rd_kafka_mock_topic_create(_mock, name, partitions, Math.Min(replicationFactor, (short)_brokers)), $"create topic {name}");
            }

            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        try
        {
            await admin.CreateTopicsAsync([new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = replicationFactor }]);
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.TopicAlreadyExists or ErrorCode.NoError))
        {
        }
    }

    /// <summary>
    /// Takes every broker down (open connections are closed, new ones refused) until the returned handle is
    /// disposed or <see cref="Restore"/> is called: the hub's view of a network cut.
    /// </summary>
    public IDisposable CutConnections()
    {
        if (!SupportsOutages)
        {
            throw new NotSupportedException($"Outages can only be staged on the in-process mock cluster; unset {EnvironmentVariable}.");
        }

        SetBrokers(up: false);
        return new Restorer(this);
    }

    /// <summary>Brings every broker back up.</summary>
    public void Restore() => SetBrokers(up: true);

    /// <summary>How many brokers the mock cluster has (0 for a real cluster).</summary>
    public int BrokerCount => _brokers;

    /// <summary>Takes one broker (1 to <see cref="BrokerCount"/>) down or brings it back up (mock cluster only).</summary>
    public void SetBroker(int id, bool up)
    {
        if (!SupportsOutages)
        {
            throw new NotSupportedException($"Outages can only be staged on the in-process mock cluster; unset {EnvironmentVariable}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(id, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, _brokers);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Check(up ? Native.rd_kafka_mock_broker_set_up(_mock, id) : Native.rd_kafka_mock_broker_set_down(_mock, id), $"broker {id} {(up ? "up" : "down")}");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed || !IsMock)
            {
                _disposed = true;
                return;
            }

            _disposed = true;
            Native.rd_kafka_mock_cluster_destroy(_mock);
            Native.rd_kafka_destroy(_owner);
        }
    }

    private void SetBrokers(bool up)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (var id = 1; id <= _brokers; id++)
            {
                Check(up ? Native.rd_kafka_mock_broker_set_up(_mock, id) : Native.rd_kafka_mock_broker_set_down(_mock, id), $"broker {id} {(up ? "up" : "down")}");
            }
        }
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"librdkafka mock: {what} failed with error {error}.");
        }
    }

    private sealed class Restorer(KafkaTestCluster cluster) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                cluster.Restore();
            }
        }
    }

    /// <summary>
    /// librdkafka's C API, from the copy Confluent.Kafka ships. Confluent.Kafka loads <c>librdkafka.so</c> and falls
    /// back to its other Linux builds when a dependency is missing (Debian 12 has libsasl2.so.2, not .so.3); the
    /// resolver does the same, so this process uses one loaded copy of the library.
    /// </summary>
    private static class Native
    {
        private const string Library = "librdkafka";

        static Native() => NativeLibrary.SetDllImportResolver(typeof(Native).Assembly, Resolve);

        [DllImport(Library)]
        public static extern IntPtr rd_kafka_conf_new();

        [DllImport(Library)]
        public static extern IntPtr rd_kafka_new(int type, IntPtr conf, StringBuilder errstr, UIntPtr errstrSize);

        [DllImport(Library)]
        public static extern void rd_kafka_destroy(IntPtr rk);

        [DllImport(Library)]
        public static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

        [DllImport(Library)]
        public static extern void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

        [DllImport(Library)]
        public static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

        [DllImport(Library)]
        public static extern int rd_kafka_mock_topic_create(IntPtr mcluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitionCount, int replicationFactor);

        [DllImport(Library)]
        public static extern int rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);

        [DllImport(Library)]
        public static extern int rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);

        private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? path)
        {
            if (name != Library)
            {
                return IntPtr.Zero;
            }

            var folder = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier.StartsWith("linux-arm64", StringComparison.Ordinal) ? "linux-arm64" : "linux-x64", "native");
            foreach (var file in new[] { "librdkafka.so", "centos8-librdkafka.so" })
            {
                if (NativeLibrary.TryLoad(Path.Combine(folder, file), out var handle))
                {
                    return handle;
                }
            }

            return IntPtr.Zero;
        }
    }
}
