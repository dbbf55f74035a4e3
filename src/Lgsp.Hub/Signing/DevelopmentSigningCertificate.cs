using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lgsp.Hub.Signing;

/// <summary>
/// The self-signed certificate a development or embedded hub signs with when none is configured. It is made
/// once and kept on disk (owner-only), so packets signed yesterday still verify against the same key today.
/// </summary>
internal static class DevelopmentSigningCertificate
{
    public const string Subject = "CN=LGSP hub development signing, O=LGSP (development only)";
    public const int KeySize = 3072;
    public static readonly TimeSpan Validity = TimeSpan.FromDays(5 * 365);

    public static X509Certificate2 Create(DateTimeOffset now)
    {
        using var rsa = RSA.Create(KeySize);
        var request = new CertificateRequest(Subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // A few minutes back so a verifier whose clock is slightly behind accepts it straight away.
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Validity));
    }

    /// <summary>
    /// Writes <paramref name="certificate"/> (with its key) to <paramref name="path"/> unless a file is already there,
    /// readable by the owner only. Returns false when another instance got there first: its file is the one to use,
    /// and it is complete when this returns.
    /// </summary>
    public static bool TryPersist(X509Certificate2 certificate, string path) => TryPersist(certificate, path, TimeSpan.FromSeconds(30));

    internal static bool TryPersist(X509Certificate2 certificate, string path, TimeSpan waitForOther)
    {
        var directory = Path.GetDirectoryName(path)!;
        var ownerOnly = OperatingSystem.IsWindows() ? default : UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // One writer: whoever creates the claim file (O_CREAT|O_EXCL, atomic even across processes; a rename is
        // not: File.Move(overwrite: false) checks and renames in two steps). The certificate is written aside and
        // renamed into place, so nobody reads a half-written file. The claim disappears when closed.
        var claimPath = path + ".lock";
        FileStream claim;
        try
        {
            claim = Create(claimPath, ownerOnly, FileOptions.DeleteOnClose);
        }
        catch (IOException) when (File.Exists(claimPath) || File.Exists(path))
        {
            WaitFor(path, claimPath, waitForOther);
            return false;
        }

        using (claim)
        {
            if (File.Exists(path))
            {
                return false;
            }

            var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = Create(temporary, ownerOnly, FileOptions.None))
                {
                    stream.Write(certificate.Export(X509ContentType.Pkcs12));
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path, overwrite: false);
                return true;
            }
            finally
            {
                File.Delete(temporary);
            }
        }
    }

    private static FileStream Create(string path, UnixFileMode mode, FileOptions options)
    {
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = mode;
        }

        return new FileStream(path, fileOptions);
    }

    private static void WaitFor(string path, string claimPath, TimeSpan timeout)
    {
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(50);
        while (!File.Exists(path))
        {
            if (waited >= timeout)
            {
                throw new IOException(
                    $"Another hub instance claimed '{claimPath}' but wrote no certificate within {timeout.TotalSeconds:0} s; if none is starting, delete the claim file.");
            }

            Thread.Sleep(step);
            waited += step;
        }
    }
}
