using Stagecraft.TestHosts;

namespace Stagecraft.Ssh.Tests;

/// <summary>A real ssh-agent (<see cref="SshAgentProcess"/>) with its own temp directory for its socket and the test's keys.</summary>
internal sealed class TestSshAgent : IAsyncDisposable
{
    private readonly SshAgentProcess process;

    private TestSshAgent(SshAgentProcess process, TempDirectory temp)
    {
        this.process = process;
        Temp = temp;
    }

    public TempDirectory Temp { get; }

    public string SocketPath => process.SocketPath;

    public static async Task<TestSshAgent> StartAsync()
    {
        var temp = new TempDirectory();
        try
        {
            return new TestSshAgent(await SshAgentProcess.StartAsync(temp.File("agent.sock")), temp);
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    public Task AddAsync(string privateKeyPath) => process.AddAsync(privateKeyPath);

    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        Temp.Dispose();
    }
}
