using System.Diagnostics;

namespace Lgsp.Testing;

/// <summary>
/// The reference C implementation of XML-DSig (Debian's <c>xmlsec1</c>), run exactly as a client would run it:
/// <c>xmlsec1 --verify --pubkey-cert-pem cert.pem file.xml</c>, no other flag (no <c>--id-attr</c>). A test that
/// needs it fails, not skips, when it is missing: <c>./test.sh</c> installs it.
/// </summary>
public static class Xmlsec1
{
    private static readonly string[] Directories = ["/usr/bin", "/usr/local/bin", "/bin"];

    /// <summary>The verdict: exit code and everything xmlsec1 printed (it reports on standard error).</summary>
    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>Exit code 0 and xmlsec1's own "OK" line.</summary>
        public bool Verified => ExitCode == 0 && Output.Split('\n').Any(l => l.Trim() == "OK");
    }

    /// <summary>Writes <paramref name="xml"/> (as UTF-8, no byte-order mark) and the certificate to a fresh folder and verifies.</summary>
    public static Task<Result> VerifyAsync(string xml, string certificatePem) =>
        VerifyAsync(new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(xml), certificatePem);

    /// <summary>Writes <paramref name="xml"/>, the bytes as they travelled, and the certificate to a fresh folder and verifies.</summary>
    public static async Task<Result> VerifyAsync(byte[] xml, string certificatePem)
    {
        var binary = Find() ?? throw new InvalidOperationException(
            "xmlsec1 is not installed, and this test runs the reference XML-DSig verifier itself. Run ./test.sh (it installs " +
            "the Debian package 'xmlsec1'), or install it yourself: apt-get install -y xmlsec1.");

        var folder = Path.Combine(Path.GetTempPath(), "lgsp-xmlsec1-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "file.xml");
            var certificate = Path.Combine(folder, "cert.pem");

            await File.WriteAllBytesAsync(file, xml);
            await File.WriteAllTextAsync(certificate, certificatePem);

            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            foreach (var argument in (string[])["--verify", "--pubkey-cert-pem", "cert.pem", "file.xml"])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();

            // A guard against a hung process, not a measurement: xmlsec1 answers in milliseconds.
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(guard.Token);
            return new Result(process.ExitCode, await output + await error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? Find() =>
        Directories.Select(d => Path.Combine(d, "xmlsec1")).FirstOrDefault(File.Exists);
}
