using Stagecraft.Core.Secrets;

namespace Stagecraft.Core.Remote;

/// <summary>
/// A command to run on a host, as argv (never shell text built by hand). <see cref="Privileged"/> commands run
/// through <c>sudo -n</c> when the SSH user is not root. <see cref="Input"/>, when set, is written to stdin and
/// stdin is then closed; otherwise stdin is closed at once. The secret never reaches the command line.
/// </summary>
public sealed record RemoteCommand(IReadOnlyList<string> Argv)
{
    public bool Privileged { get; init; }

    /// <summary>Variables set with <c>env NAME=value</c> in front of the command (after sudo).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    public Secret? Input { get; init; }

    /// <summary>A script run by <c>sh -c</c> (one argv word; quoted by <see cref="ShellQuoting"/>).</summary>
    public static RemoteCommand Shell(string script) => new(["sh", "-c", script]);
}
