using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Lgsp.Sandbox.Data;

/// <summary>
/// SHA-256 over a canonical JSON form of the whole world (every record, in generation order; compact; non-ASCII
/// escaped). Two worlds with the same fingerprint are byte-identical. It is streamed into the hash, never held
/// in memory whole.
/// </summary>
internal static class WorldFingerprint
{
    // Explicit resolver: the fingerprint must not depend on whether the host enables reflection-based JSON by default.
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static string Compute(SyntheticWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var sink = new HashSink(hash))
        {
            var snapshot = new
            {
                world.Spec,
                world.Citizens,
                world.Households,
                world.Enterprises,
                world.Parcels,
                world.InsuranceUnits,
                world.InsuranceParticipants,
                world.Births,
                world.Deaths,
                world.Marriages,
            };
            JsonSerializer.Serialize(sink, snapshot, Canonical);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A write-only stream that feeds an incremental hash.</summary>
    private sealed class HashSink(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
