namespace Stagecraft.EndToEnd.Support;

/// <summary>Reads the shims' commands.log lines (<c>name arg1 arg2 … [## DEBIAN_FRONTEND=… NEEDRESTART_MODE=…]</c>).</summary>
public static class RecordedCommand
{
    /// <summary>An <c>apt-get</c>/<c>apt</c> call whose sub-command is <c>install</c>.</summary>
    public static bool IsAptInstall(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = Words(line);
        return words.Count > 1 && words[0] is "apt-get" or "apt" && words.Skip(1).Where(w => !w.StartsWith('-')).FirstOrDefault(w => !w.Contains("::", StringComparison.Ordinal)) == "install";
    }

    /// <summary>A <c>tailscale</c> call with the given sub-command (<c>up</c>, <c>logout</c>, …).</summary>
    public static bool IsTailscale(string line, string subcommand)
    {
        var words = Words(line);
        return words.Count > 1 && words[0] == "tailscale" && words[1] == subcommand;
    }

    /// <summary>The argument words before the <c>##</c> environment suffix.</summary>
    public static IReadOnlyList<string> Words(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var end = line.IndexOf(" ## ", StringComparison.Ordinal);
        return (end < 0 ? line : line[..end]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
