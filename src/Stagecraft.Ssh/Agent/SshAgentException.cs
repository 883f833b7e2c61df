namespace Stagecraft.Ssh.Agent;

/// <summary>The ssh-agent could not be reached, refused a request, or answered something unreadable. One line, no key material.</summary>
public sealed class SshAgentException : Exception
{
    public SshAgentException()
    {
    }

    public SshAgentException(string message)
        : base(message)
    {
    }

    public SshAgentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
