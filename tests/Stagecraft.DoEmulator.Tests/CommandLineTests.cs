using Stagecraft.DoEmulator.Cli;

namespace Stagecraft.DoEmulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_EveryFlag_FillsTheOptions()
    {
        var parsed = EmulatorCommandLineParser.Parse(
        [
            "--port", "8089", "--token", "T", "--ip-pool", "127.0.0.10,127.0.0.11", "--boot-delay", "3s",
            "--fail-429-every", "5", "--error-rate", "0.05", "--lose-create", "a,b", "--list-lag=2s", "--page-size-cap", "2",
            "--droplet-limit", "3", "--response-delay", "50ms", "--state-file", "/tmp/state.json", "--ssh-key-name", "ci-key",
            "--on-active-command", "echo $DROPLET_NAME", "--seed", "9", "--burst-limit", "100", "--action-delay", "1.5s",
            "--delete-lag", "4s", "--hourly-limit", "1200",
        ]);

        var o = parsed.Options;
        Assert.Equal(8089, parsed.Port);
        Assert.Equal("echo $DROPLET_NAME", parsed.OnActiveCommand);
        Assert.Equal(["T"], o.Tokens);
        Assert.Equal(["127.0.0.10", "127.0.0.11"], o.PublicIpPool);
        Assert.Equal(TimeSpan.FromSeconds(3), o.BootDelay);
        Assert.Equal(5, o.Fail429EveryNthRequest);
        Assert.Equal(0.05, o.ServerErrorRate);
        Assert.Equal(["a", "b"], o.LoseCreateResponseFor.Order());
        Assert.Equal(TimeSpan.FromSeconds(2), o.ListLag);
        Assert.Equal(2, o.MaxPageSize);
        Assert.Equal(3, o.DropletLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(50), o.ResponseDelay);
        Assert.Equal("/tmp/state.json", o.StateFile);
        Assert.Equal("ci-key", Assert.Single(o.SshKeys).Name);
        Assert.Equal(9, o.Seed);
        Assert.Equal(100, o.BurstLimitPerMinute);
        Assert.Equal(1200, o.HourlyLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), o.ActionDelay);
        Assert.Equal(TimeSpan.FromSeconds(4), o.DeleteLag);
    }

    [Fact]
    public void Parse_SshPublicKeyAndAccountStatus_MakeTheAccountKeyThatKeyAndSetTheStatus()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb op@laptop\n");

            var o = EmulatorCommandLineParser.Parse(["--ssh-public-key", file, "--ssh-key-name", "laptop", "--account-status", "locked"]).Options;

            var key = Assert.Single(o.SshKeys);
            Assert.Equal("laptop", key.Name);
            Assert.Equal("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb op@laptop", key.PublicKey);
            Assert.Matches("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", key.Fingerprint);
            Assert.Equal("locked", o.AccountStatus);
            Assert.Throws<FormatException>(() => EmulatorCommandLineParser.Parse(["--account-status", "sleepy"]));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_NoArguments_KeepsTheDefaults()
    {
        var parsed = EmulatorCommandLineParser.Parse([]);

        Assert.Equal(0, parsed.Port);
        Assert.Equal(["emulator-token"], parsed.Options.Tokens);
        Assert.Equal(TimeSpan.FromSeconds(2), parsed.Options.BootDelay);
        Assert.Null(parsed.OnActiveCommand);
        Assert.False(parsed.ShowHelp);
    }

    [Theory]
    [InlineData("--bogus", "unknown option '--bogus'")]
    [InlineData("--port", "--port needs a value")]
    [InlineData("--error-rate=2", "--error-rate: '2' is not a probability in 0..1")]
    [InlineData("--boot-delay=soon", "--boot-delay: 'soon' is not a duration such as 50ms, 3s or 2m")]
    public void Parse_BadArguments_SaysWhatIsWrong(string arg, string message)
    {
        var error = Assert.Throws<FormatException>(() => EmulatorCommandLineParser.Parse(arg.Split(' ')));

        Assert.Equal(message, error.Message);
    }
}
