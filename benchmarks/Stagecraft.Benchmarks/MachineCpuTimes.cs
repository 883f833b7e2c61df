using System.Globalization;

namespace Stagecraft.Benchmarks;

/// <summary>
/// The machine's cumulative CPU time from the first line of <c>/proc/stat</c>, summed over all cores: busy (user, nice,
/// system, irq, softirq, steal) and idle (idle, iowait). The difference of two readings is what the whole machine did
/// in between: the CLI, the test hosts' sshd and shims, the emulator, and anything else running.
/// </summary>
internal sealed record MachineCpuTimes(TimeSpan Busy, TimeSpan Idle)
{
    private const string ProcStat = "/proc/stat";

    /// <summary><c>/proc/stat</c> counts in USER_HZ, which the kernel fixes at 100 per second for user space.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The current totals, or <c>null</c> when <c>/proc/stat</c> is missing or unreadable.</summary>
    public static async Task<MachineCpuTimes?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(ProcStat))
        {
            return null;
        }

        using var reader = new StreamReader(ProcStat);
        var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return line is null ? null : Parse(line);
    }

    /// <summary>Parses the aggregate line, <c>cpu  user nice system idle iowait irq softirq steal guest guest_nice</c>.</summary>
    public static MachineCpuTimes? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || fields[0] != "cpu")
        {
            return null;
        }

        var ticks = new long[8];
        for (var i = 0; i < ticks.Length && i + 1 < fields.Length; i++)
        {
            if (!long.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out ticks[i]))
            {
                return null;
            }
        }

        // guest and guest_nice are already included in user and nice.
        var busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7];
        var idle = ticks[3] + ticks[4];
        return new MachineCpuTimes(TimeSpan.FromSeconds(busy / TicksPerSecond), TimeSpan.FromSeconds(idle / TicksPerSecond));
    }

    /// <summary>Busy CPU time spent between <paramref name="earlier"/> and this reading.</summary>
    public TimeSpan BusySince(MachineCpuTimes earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return Busy - earlier.Busy;
    }
}
