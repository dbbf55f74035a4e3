namespace Lgsp.Hub.Keys;

/// <summary>
/// A file made once and kept (development certificates, development secrets): written owner-only, by exactly one
/// of the hub instances that may start at the same moment on the same content root, and never half-written.
/// </summary>
internal static class OwnerOnlyFile
{
    private static readonly UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> unless a file is already there, readable by the
    /// owner only. Returns false when another instance got there first: its file is the one to use, and it is
    /// complete when this returns.
    /// </summary>
    public static bool TryCreate(string path, ReadOnlySpan<byte> content) => TryCreate(path, content, TimeSpan.FromSeconds(30));

    internal static bool TryCreate(string path, ReadOnlySpan<byte> content, TimeSpan waitForOther)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerReadWrite | UnixFileMode.UserExecute);
        }

        // One writer: whoever creates the claim file (O_CREAT|O_EXCL, atomic even across processes; a rename is
        // not: File.Move(overwrite: false) checks and renames in two steps). The content is written aside and
        // renamed into place, so nobody reads a half-written file. The claim disappears when closed.
        var claimPath = path + ".lock";
        FileStream claim;
        try
        {
            claim = Create(claimPath, FileOptions.DeleteOnClose);
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
                using (var stream = Create(temporary, FileOptions.None))
                {
                    stream.Write(content);
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

    private static FileStream Create(string path, FileOptions options)
    {
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = options };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = OwnerReadWrite;
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
                    $"Another hub instance claimed '{claimPath}' but wrote nothing within {timeout.TotalSeconds:0} s; if none is starting, delete the claim file.");
            }

            Thread.Sleep(step);
            waited += step;
        }
    }
}
