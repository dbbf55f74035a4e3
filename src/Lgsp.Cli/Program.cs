using System.Text;

namespace Lgsp.Cli;

/// <summary>The process entry: everything else is in <see cref="Cli.RunAsync"/>, which tests call in-process.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        return await Cli.RunAsync(args, Console.Out, Console.Error);
    }
}
