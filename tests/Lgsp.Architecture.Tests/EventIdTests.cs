using System.Text.RegularExpressions;
using Lgsp.Testing;

namespace Lgsp.Architecture.Tests;

/// <summary>
/// Log event ids are the operators' handle on a log line (alerts and dashboards filter on them), so each names one
/// event only. The ranges below are the one table of which assembly owns which ids; a new log line takes the next
/// free id in its assembly's range (and its area's hundred, see README.md here).
/// </summary>
public sealed partial class EventIdTests
{
    /// <summary>Assembly → the ids it may use (inclusive). Core and the CLI do not log through ILogger.</summary>
    private static readonly Dictionary<string, (int First, int Last)> Ranges = new(StringComparer.Ordinal)
    {
        ["Lgsp.Sandbox"] = (1, 999),
        ["Lgsp.Hub"] = (1000, 5999),
        ["Lgsp.Adapters.Sdk"] = (6000, 6099),
        ["Lgsp.Adapters.Business"] = (6100, 6199),
        ["Lgsp.Adapters.Population"] = (6200, 6299),
        ["Lgsp.Adapters.Insurance"] = (6300, 6399),
        ["Lgsp.Adapters.CivilRegistry"] = (6400, 6499),
        ["Lgsp.Adapters.Land"] = (6500, 6599),
        ["Lgsp.Adapters.NationalPortal"] = (6600, 6699),
        ["Lgsp.Adapters.ProvincialPortal"] = (6700, 6799),
    };

    [Fact]
    public void Every_log_message_has_an_explicit_id_in_its_assemblys_range_and_no_id_is_used_twice()
    {
        var messages = LogMessages().ToList();
        Assert.True(messages.Count > 50, $"only {messages.Count} [LoggerMessage] declarations found; is the scan reading the sources?");

        var problems = new List<string>();
        foreach (var m in messages)
        {
            if (m.Id is not { } id)
            {
                problems.Add($"{m.Where}: [LoggerMessage] without an explicit EventId");
            }
            else if (!Ranges.TryGetValue(m.Assembly, out var range))
            {
                problems.Add($"{m.Where}: {m.Assembly} has no event-id range in {nameof(EventIdTests)}.{nameof(Ranges)}");
            }
            else if (id < range.First || id > range.Last)
            {
                problems.Add($"{m.Where}: event id {id} is outside {m.Assembly}'s range {range.First}–{range.Last}");
            }
        }

        foreach (var clash in messages.Where(m => m.Id is not null).GroupBy(m => m.Id).Where(g => g.Count() > 1))
        {
            problems.Add($"event id {clash.Key} is used by {string.Join(" and ", clash.Select(m => m.Where))}");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_ranges_do_not_overlap()
    {
        var ordered = Ranges.OrderBy(r => r.Value.First).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].Value.First > ordered[i - 1].Value.Last, $"{ordered[i - 1].Key} and {ordered[i].Key} overlap");
        }
    }

    private static IEnumerable<(string Assembly, string Where, int? Id)> LogMessages()
    {
        foreach (var root in new[] { "src", "adapters" })
        {
            foreach (var file in Directory.EnumerateFiles(RepoPaths.Combine(root), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (!lines[i].Contains("[LoggerMessage(", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var id = ExplicitId().Match(lines[i]);
                    yield return (AssemblyOf(file), $"{relative}:{i + 1}", id.Success ? int.Parse(id.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture) : null);
                }
            }
        }
    }

    /// <summary>The project a source file compiles into: the nearest folder above it holding a .csproj.</summary>
    private static string AssemblyOf(string file)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(file)!); dir is not null; dir = dir.Parent)
        {
            var project = dir.GetFiles("*.csproj").FirstOrDefault();
            if (project is not null)
            {
                return Path.GetFileNameWithoutExtension(project.Name);
            }
        }

        throw new InvalidOperationException("no project above " + file);
    }

    [GeneratedRegex(@"\[LoggerMessage\((?:\s*(?<id>\d+)|[^\]]*?\bEventId\s*=\s*(?<id>\d+))")]
    private static partial Regex ExplicitId();
}
