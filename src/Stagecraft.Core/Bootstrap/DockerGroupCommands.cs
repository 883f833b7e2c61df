using System.Text.RegularExpressions;
using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Bootstrap;

/// <summary>
/// Puts a non-root login user in the <c>docker</c> group, so that whatever deploys next runs <c>docker</c> without
/// sudo. Checked first from the group database (<c>id -nG USER</c>, which sees a membership added after login), and
/// only then <c>usermod -aG docker USER</c> through <c>sudo -n</c>. The membership takes effect at the user's next login.
/// </summary>
public static partial class DockerGroupCommands
{
    public const string Group = "docker";

    /// <summary>Prints the login user's name, then the groups the group database gives that user. Unprivileged.</summary>
    public static RemoteCommand LoginUserGroups() =>
        RemoteCommand.Shell("u=$(id -un) && printf '%s\\n' \"$u\" && id -nG \"$u\"") with { Timeout = TimeSpan.FromSeconds(30) };

    public static RemoteCommand AddToGroup(string user) =>
        new(["usermod", "-aG", Group, user]) { Privileged = true, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The user and whether the group list holds <see cref="Group"/>; null when the output is not that shape.</summary>
    public static (string User, bool Member)? Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length is < 1 or > 2 || !UserName().IsMatch(lines[0]))
        {
            return null;
        }

        var groups = lines.Length == 2 ? lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return (lines[0], groups.Contains(Group, StringComparer.Ordinal));
    }

    /// <summary>A POSIX-portable login name (what useradd accepts by default), so it is safe as one argv word.</summary>
    [GeneratedRegex("^[a-z_][a-z0-9_.-]{0,31}\\$?$", RegexOptions.CultureInvariant)]
    private static partial Regex UserName();
}
