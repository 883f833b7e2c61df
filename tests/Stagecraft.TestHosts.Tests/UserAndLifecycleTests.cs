namespace Stagecraft.TestHosts.Tests;

public sealed class UserAndLifecycleTests
{
    [Fact]
    public async Task DeployUser_WhenSudoIsPasswordless_RunsSudoNonInteractively()
    {
        await using var fixture = await HostFixture.StartAsync(new TestHostOptions { Address = "127.0.0.220", User = "deploy" });

        var result = await fixture.SshAsync("id -un; sudo -n true && echo sudo-ok; sudo -n id -u");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("deploy\nsudo-ok\n0\n", result.StandardOutput);
        Assert.DoesNotContain("deploy:", await File.ReadAllTextAsync("/etc/passwd"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeployUser_WhenSudoNeedsPassword_SudoNonInteractiveFails()
    {
        await using var fixture = await HostFixture.StartAsync(new TestHostOptions
        {
            Address = "127.0.0.221",
            User = "deploy",
            SudoRequiresPassword = true,
        });

        var result = await fixture.SshAsync("sudo -n true");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("sudo: a password is required\n", result.StandardError);
    }

    [Fact]
    public async Task Stop_WhenCalled_LeavesNoProcessOfTheHostAndIsIdempotent()
    {
        await using var fixture = await HostFixture.StartAsync(new TestHostOptions { Address = "127.0.0.222" });
        var ok = await fixture.SshAsync("true");
        var mountNamespace = fixture.Host.ReadState("host.mntns")!.Trim();
        var stoppedAt = SecondsSinceBoot();

        await fixture.Host.StopAsync();
        await fixture.Host.StopAsync();
        var refused = await fixture.SshAsync("true");

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(255, refused.ExitCode);

        // Only processes that existed before the stop can be this host's: the kernel may hand the dead namespace's
        // inode number to a host another test starts meanwhile.
        Assert.DoesNotContain(ProcessesIn(mountNamespace), p => StartedSecondsSinceBoot(p) < stoppedAt);
    }

    [Fact]
    public async Task Stop_WhenRecordedNamespaceAndPidNowBelongToAnotherHost_LeavesThatHostRunning()
    {
        // The kernel reuses a dead namespace's inode number (and PIDs wrap): a host whose sshd died on its own keeps a
        // stale host.mntns/host.pid that may name another live host. Stopping the dead host must not touch the live one.
        await using var live = await HostFixture.StartAsync(new TestHostOptions { Address = "127.0.0.213" });
        await using var dead = await HostFixture.StartAsync(new TestHostOptions { Address = "127.0.0.214" });
        await dead.Host.StopAsync();
        File.WriteAllText(Path.Combine(dead.Host.StateDirectory, "host.mntns"), live.Host.ReadState("host.mntns"));
        File.WriteAllText(Path.Combine(dead.Host.StateDirectory, "host.pid"), live.Host.ReadState("host.pid"));

        await dead.Host.StopAsync();
        var stillUp = await live.SshAsync("echo alive");

        Assert.Equal("alive\n", stillUp.StandardOutput);
        Assert.NotEmpty(ProcessesIn(live.Host.ReadState("host.mntns")!.Trim()));
    }

    [Fact]
    public async Task Rekey_WhenHostRestartsWithNewKey_PinnedClientRefusesAndHelperSeesNewKey()
    {
        await using var fixture = await HostFixture.StartAsync(new TestHostOptions { Address = "127.0.0.223" });
        var first = await fixture.SshAsync("echo first");
        var oldKey = fixture.Host.HostPublicKey;

        await fixture.Host.RekeyAsync();
        var pinned = await fixture.SshAsync("echo second");
        var viaHelper = await fixture.Host.RunSshAsync("echo third");

        Assert.Equal("first\n", first.StandardOutput);
        Assert.NotEqual(oldKey, fixture.Host.HostPublicKey);
        Assert.StartsWith("ssh-ed25519 AAAA", fixture.Host.HostPublicKey, StringComparison.Ordinal);
        Assert.Equal(255, pinned.ExitCode);
        Assert.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", pinned.StandardError, StringComparison.Ordinal);
        Assert.Equal("third\n", viaHelper.StandardOutput);
    }

    [Fact]
    public void Unescape_WhenLineHasEscapedNewlinesAndBackslashes_RestoresTheCommand()
    {
        Assert.Equal("a\nb\\nc\\", SshTestHost.Unescape("a\\nb\\\\nc\\\\"));
    }

    private static double SecondsSinceBoot() =>
        double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Field 22 of /proc/PID/stat (start time in clock ticks since boot; USER_HZ is 100 on Linux), after the command name.</summary>
    private static double StartedSecondsSinceBoot(string procPath)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(procPath, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture) / 100.0;
        }
        catch (IOException)
        {
            return double.MaxValue; // gone meanwhile
        }
    }

    private static List<string> ProcessesIn(string mountNamespace) =>
        Directory.EnumerateDirectories("/proc")
            .Where(path => int.TryParse(Path.GetFileName(path), out _))
            .Where(path =>
            {
                try
                {
                    return new FileInfo(Path.Combine(path, "ns", "mnt")).LinkTarget == mountNamespace;
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .ToList();
}
