namespace Stagecraft.Core.Remote;

/// <summary>Renders a <see cref="RemoteCommand"/> into the exact string sent over the SSH exec channel.</summary>
public static class RemoteCommandRenderer
{
    public static string Render(RemoteCommand command, bool userIsRoot)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = new List<string>();
        if (command.Privileged && !userIsRoot)
        {
            words.AddRange(["sudo", "-n"]);
        }

        if (command.Environment.Count > 0)
        {
            words.Add("env");
            words.AddRange(command.Environment.Select(v => $"{v.Key}={v.Value}"));
        }

        words.AddRange(command.Argv);
        return ShellQuoting.Join(words);
    }
}
