using System.Text;

Console.OutputEncoding = Encoding.UTF8;
return await Lgsp.Cli.Cli.RunAsync(args, Console.Out, Console.Error);
