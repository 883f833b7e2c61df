using Stagecraft.Core.Remote;

namespace Stagecraft.Ssh.Tests;

public sealed class KnownHostsStoreTests : IDisposable
{
    private const string Ip = "203.0.113.10";
    private readonly TempDirectory temp = new();
    private readonly string path;
    private readonly KnownHostsStore store;

    public KnownHostsStoreTests()
    {
        path = temp.File("ssh/known_hosts");
        store = new KnownHostsStore(path, TimeProvider.System);
    }

    [Fact]
    public async Task PinAsync_WhenUnknownOnPort22_AppendsLineWithBareIp()
    {
        var key = TestKeys.Make("ssh-ed25519", 1);

        await store.PinAsync(Ip, 22, key, CancellationToken.None);

        Assert.Equal($"203.0.113.10 ssh-ed25519 {key.Base64}\n", File.ReadAllText(path));
    }

    [Fact]
    public async Task PinAsync_WhenUnknownOnOtherPort_AppendsBracketedHostAndPort()
    {
        var key = TestKeys.Make("ssh-ed25519", 1);

        await store.PinAsync(Ip, 2222, key, CancellationToken.None);

        Assert.Equal($"[203.0.113.10]:2222 ssh-ed25519 {key.Base64}\n", File.ReadAllText(path));
    }

    [Fact]
    public async Task FindAsync_DistinguishesPort22FromOtherPorts()
    {
        var on22 = TestKeys.Make("ssh-ed25519", 1);
        var on2222 = TestKeys.Make("ssh-ed25519", 2);
        await store.PinAsync(Ip, 22, on22, CancellationToken.None);
        await store.PinAsync(Ip, 2222, on2222, CancellationToken.None);

        Assert.Equal([on22], (await store.FindAsync(Ip, 22, CancellationToken.None)).Pinned);
        Assert.Equal([on2222], (await store.FindAsync(Ip, 2222, CancellationToken.None)).Pinned);
        Assert.Empty((await store.FindAsync("203.0.113.11", 22, CancellationToken.None)).Pinned);
    }

    [Fact]
    public async Task FindAsync_WhenFileMissing_ReturnsEmpty()
    {
        Assert.Empty((await store.FindAsync(Ip, 22, CancellationToken.None)).Pinned);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Check_WhenSameKeyPinned_IsKnownAndFileUnchanged()
    {
        var key = TestKeys.Make("ssh-ed25519", 1);
        await store.PinAsync(Ip, 22, key, CancellationToken.None);
        var before = File.ReadAllText(path);

        var known = await store.FindAsync(Ip, 22, CancellationToken.None);
        await store.PinAsync(Ip, 22, TestKeys.Make("ssh-ed25519", 1), CancellationToken.None);

        Assert.Equal(HostKeyCheck.Known, known.Check(TestKeys.Make("ssh-ed25519", 1)));
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void Check_WhenNothingPinned_IsUnknown()
    {
        Assert.Equal(HostKeyCheck.Unknown, KnownHostsMatch.None.Check(TestKeys.Make("ssh-ed25519", 1)));
    }

    [Theory]
    [InlineData("ssh-ed25519")]
    [InlineData("ecdsa-sha2-nistp256")]
    public async Task Check_WhenOtherKeyPinned_IsChangedWhateverTheType(string presentedType)
    {
        await store.PinAsync(Ip, 22, TestKeys.Make("ssh-ed25519", 1), CancellationToken.None);

        var known = await store.FindAsync(Ip, 22, CancellationToken.None);

        Assert.Equal(HostKeyCheck.Changed, known.Check(TestKeys.Make(presentedType, 2)));
    }

    [Fact]
    public async Task PinAsync_WhenOtherKeyPinned_RefusesWithExactMessageAndKeepsFile()
    {
        var old = TestKeys.Make("ssh-ed25519", 1);
        var presented = TestKeys.Make("ssh-ed25519", 2);
        await store.PinAsync(Ip, 22, old, CancellationToken.None);
        var before = File.ReadAllText(path);

        var error = await Assert.ThrowsAsync<RemoteConnectionException>(() => store.PinAsync(Ip, 22, presented, CancellationToken.None));

        Assert.Equal(
            $"host key for 203.0.113.10:22 changed: pinned {old.Fingerprint}, presented {presented.Fingerprint}; if the host was rebuilt, remove its line from {path}",
            error.Message);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task Fingerprint_MatchesSshKeygen()
    {
        var privatePath = await ProcessRunner.KeygenAsync(temp.Path, "host_key", "ed25519");
        var publicLine = File.ReadAllText(privatePath + ".pub").Split(' ');
        var expected = (await ProcessRunner.RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", privatePath + ".pub")).Split(' ')[1];

        var key = HostKey.FromBlob(Convert.FromBase64String(publicLine[1]));

        Assert.Equal("ssh-ed25519", key.KeyType);
        Assert.Equal(expected, key.Fingerprint);
    }

    [Fact]
    public async Task PinAsync_KeepsCommentsAndHashedLinesByteForByte_AndMatchesHashedHosts()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var hashedKey = TestKeys.Make("ssh-ed25519", 7);
        File.WriteAllText(path, $"# managed by hand\n198.51.100.7 ssh-ed25519 {hashedKey.Base64}\n[198.51.100.8]:2222 ssh-ed25519 {hashedKey.Base64}");
        await ProcessRunner.RunAsync("ssh-keygen", "-H", "-f", path);
        File.Delete(path + ".old");
        var hashed = File.ReadAllText(path);
        Assert.Contains("|1|", hashed, StringComparison.Ordinal);
        Assert.DoesNotContain("198.51.100.7", hashed, StringComparison.Ordinal);

        var key = TestKeys.Make("ssh-ed25519", 1);
        await store.PinAsync(Ip, 22, key, CancellationToken.None);

        var after = File.ReadAllText(path);
        Assert.Equal(hashed + (hashed.EndsWith('\n') ? string.Empty : "\n") + $"203.0.113.10 ssh-ed25519 {key.Base64}\n", after);
        Assert.Equal([hashedKey], (await store.FindAsync("198.51.100.7", 22, CancellationToken.None)).Pinned);
        Assert.Equal([hashedKey], (await store.FindAsync("198.51.100.8", 2222, CancellationToken.None)).Pinned);
        Assert.Empty((await store.FindAsync("198.51.100.8", 22, CancellationToken.None)).Pinned);
    }

    [Fact]
    public async Task PinAsync_WhenFileLacksTrailingNewline_StartsNewLine()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "# no newline at end");
        var key = TestKeys.Make("ssh-ed25519", 1);

        await store.PinAsync(Ip, 22, key, CancellationToken.None);

        Assert.Equal($"# no newline at end\n203.0.113.10 ssh-ed25519 {key.Base64}\n", File.ReadAllText(path));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PinAsync_CreatesDirectory0700AndFile0600()
    {
        await store.PinAsync(Ip, 22, TestKeys.Make("ssh-ed25519", 1), CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task PinAsync_LeavesNoTemporaryFiles()
    {
        await store.PinAsync(Ip, 22, TestKeys.Make("ssh-ed25519", 1), CancellationToken.None);
        await store.PinAsync("203.0.113.11", 22, TestKeys.Make("ssh-ed25519", 2), CancellationToken.None);

        var names = Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["known_hosts", "known_hosts.lock"], names);
    }

    [Fact]
    public async Task PinAsync_WhenAlreadyCancelled_ThrowsAndWritesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.PinAsync(Ip, 22, TestKeys.Make("ssh-ed25519", 1), cancelled.Token));

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task PinAsync_ManyParallelWritersOnSeveralStores_ProduceCompleteFile()
    {
        using var second = new KnownHostsStore(path, TimeProvider.System);
        using var third = new KnownHostsStore(path, TimeProvider.System);
        KnownHostsStore[] stores = [store, second, third];
        var keys = Enumerable.Range(1, 60).Select(i => (Ip: $"198.51.100.{i}", Key: TestKeys.Make("ssh-ed25519", i))).ToList();

        await Task.WhenAll(keys.Select((entry, i) => Task.Run(() => stores[i % 3].PinAsync(entry.Ip, 22, entry.Key, CancellationToken.None))));

        var lines = File.ReadAllLines(path);
        Assert.Equal(60, lines.Length);
        Assert.Equal(
            keys.Select(k => $"{k.Ip} ssh-ed25519 {k.Key.Base64}").Order(StringComparer.Ordinal),
            lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PinAsync_WhenTwoWritersRaceWithDifferentKeysForOneHost_ExactlyOneWins()
    {
        using var second = new KnownHostsStore(path, TimeProvider.System);
        var first = store.PinAsync(Ip, 22, TestKeys.Make("ssh-ed25519", 1), CancellationToken.None);
        var other = second.PinAsync(Ip, 22, TestKeys.Make("ssh-ed25519", 2), CancellationToken.None);

        var outcomes = await Task.WhenAll(Outcome(first), Outcome(other));

        Assert.Single(outcomes, ok => ok);
        Assert.Single(File.ReadAllLines(path));

        static async Task<bool> Outcome(Task pin)
        {
            try
            {
                await pin;
                return true;
            }
            catch (RemoteConnectionException)
            {
                return false;
            }
        }
    }

    [Theory]
    [InlineData("203.0.113.10")]
    [InlineData("*")]
    [InlineData("203.0.113.*,!203.0.113.99")]
    public async Task PinAsync_WhenKeyIsRevokedForTheHost_RefusesNamingTheLineAndNeverPins(string hosts)
    {
        var revoked = TestKeys.Make("ssh-ed25519", 3);
        WriteFile($"# keys\n@revoked {hosts} ssh-ed25519 {revoked.Base64}\n");
        var before = File.ReadAllText(path);

        var known = await store.FindAsync(Ip, 22, CancellationToken.None);
        var error = await Assert.ThrowsAsync<RemoteConnectionException>(() => store.PinAsync(Ip, 22, revoked, CancellationToken.None));

        Assert.Equal(HostKeyCheck.Revoked, known.Check(revoked));
        Assert.Empty(known.Pinned);
        Assert.Equal(
            $"host key {revoked.Fingerprint} of 203.0.113.10:22 is revoked (@revoked on line 2 of {path}); refusing to connect: " +
            "give the host a new key, or remove that line if the revocation is wrong",
            error.Message);
        Assert.Equal(SshFailureKind.HostKeyRefused, Assert.IsType<SshConnectFailure>(error.InnerException).Kind);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task Check_WhenKeyIsPinnedAndAlsoRevoked_IsRevoked_AndOtherKeysOfTheHostAreJudgedAsUsual()
    {
        var key = TestKeys.Make("ssh-ed25519", 3);
        var fresh = TestKeys.Make("ssh-ed25519", 4);
        WriteFile($"203.0.113.10 ssh-ed25519 {key.Base64}\n@revoked * ssh-ed25519 {key.Base64}\n");

        var known = await store.FindAsync(Ip, 22, CancellationToken.None);

        Assert.Equal(HostKeyCheck.Revoked, known.Check(key));
        Assert.Equal(HostKeyCheck.Changed, known.Check(fresh));
    }

    [Fact]
    public async Task PinAsync_WhenRevocationNamesAnotherHost_PinsAsUsual()
    {
        var key = TestKeys.Make("ssh-ed25519", 3);
        WriteFile($"@revoked 198.51.100.1,!203.0.113.10 ssh-ed25519 {key.Base64}\n@revoked 203.0.113.1? ssh-ed25519 {key.Base64}\n");

        await store.PinAsync("203.0.113.100", 22, key, CancellationToken.None);

        Assert.EndsWith($"203.0.113.100 ssh-ed25519 {key.Base64}\n", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(HostKeyCheck.Revoked, (await store.FindAsync("203.0.113.11", 22, CancellationToken.None)).Check(key));
    }

    [Fact]
    public async Task PinAsync_WhenOnlyACertificateAuthorityIsTrustedForTheHost_RefusesSayingSoAndNeverPins()
    {
        var ca = TestKeys.Make("ssh-ed25519", 5);
        var presented = TestKeys.Make("ssh-ed25519", 6);
        WriteFile($"@cert-authority 203.0.113.* ssh-ed25519 {ca.Base64}\n");
        var before = File.ReadAllText(path);

        var error = await Assert.ThrowsAsync<RemoteConnectionException>(() => store.PinAsync(Ip, 22, presented, CancellationToken.None));

        Assert.Equal(
            $"{path} trusts a certificate authority for 203.0.113.10:22 (@cert-authority on line 1), and stagecraft does not check " +
            $"host certificates; refusing to pin {presented.Fingerprint} on first use: add the host's key as a plain line, or remove the @cert-authority line",
            error.Message);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task Check_WhenACertificateAuthorityAndAPlainKeyMatch_ThePlainKeyDecides()
    {
        var ca = TestKeys.Make("ssh-ed25519", 5);
        var key = TestKeys.Make("ssh-ed25519", 6);
        WriteFile($"@cert-authority * ssh-ed25519 {ca.Base64}\n203.0.113.10 ssh-ed25519 {key.Base64}\n");

        var known = await store.FindAsync(Ip, 22, CancellationToken.None);

        Assert.Equal(HostKeyCheck.Known, known.Check(key));
        Assert.Equal(HostKeyCheck.Changed, known.Check(TestKeys.Make("ssh-ed25519", 7)));
        Assert.Equal(HostKeyCheck.CertificateAuthority, (await store.FindAsync(Ip, 2222, CancellationToken.None)).Check(key));
    }

    [Theory]
    [InlineData("203.0.113.10", "203.0.113.10", true)]
    [InlineData("203.0.113.1?", "203.0.113.10", true)]
    [InlineData("203.0.113.1?", "203.0.113.100", false)]
    [InlineData("*.113.*", "203.0.113.10", true)]
    [InlineData("*", "[203.0.113.10]:2222", true)]
    [InlineData("[203.0.113.10]:*", "[203.0.113.10]:2222", true)]
    [InlineData("203.0.113.*,!203.0.113.10", "203.0.113.10", false)]
    [InlineData("!203.0.113.11,203.0.113.*", "203.0.113.10", true)]
    [InlineData("!203.0.113.10", "203.0.113.10", false)]
    [InlineData("!198.51.100.1", "203.0.113.10", false)]
    [InlineData("WEB.Example", "web.example", true)]
    [InlineData("203.0.113.10", "[203.0.113.10]:2222", false)]
    public void HostFieldMatches_FollowsOpenSshPatterns(string field, string host, bool expected)
    {
        Assert.Equal(expected, KnownHostsFile.HostFieldMatches(field, host));
    }

    [Fact]
    public async Task FindAsync_SkipsLinesItCannotRead()
    {
        var key = TestKeys.Make("ssh-ed25519", 1);
        WriteFile($"@\n@revoked\n203.0.113.10\n203.0.113.10 ssh-ed25519 not-base64!\n|1|bad ssh-ed25519 {key.Base64}\n@unknown-marker * ssh-ed25519 {key.Base64}\n203.0.113.10 ssh-ed25519 {key.Base64}\n");

        var known = await store.FindAsync(Ip, 22, CancellationToken.None);

        Assert.Equal([key], known.Pinned);
        Assert.Empty(known.Revoked);
        Assert.Empty(known.CertificateAuthorityLines);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PinAsync_WhenFileIsASymbolicLink_WritesThroughItAndKeepsTheLink()
    {
        var target = temp.File("dotfiles/known_hosts");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, "# shared\n");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, Path.Combine("..", "dotfiles", "known_hosts"));
        var key = TestKeys.Make("ssh-ed25519", 1);

        await store.PinAsync(Ip, 22, key, CancellationToken.None);
        await store.PinAsync("203.0.113.11", 22, TestKeys.Make("ssh-ed25519", 2), CancellationToken.None);

        Assert.Equal(Path.Combine("..", "dotfiles", "known_hosts"), new FileInfo(path).LinkTarget);
        Assert.StartsWith($"# shared\n203.0.113.10 ssh-ed25519 {key.Base64}\n203.0.113.11 ", File.ReadAllText(target), StringComparison.Ordinal);
        Assert.Equal([key], (await store.FindAsync(Ip, 22, CancellationToken.None)).Pinned);
        Assert.Equal(["known_hosts", "known_hosts.lock"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PinAsync_WhenSymbolicLinkDangles_CreatesItsTarget()
    {
        var target = temp.File("elsewhere/known_hosts");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        var key = TestKeys.Make("ssh-ed25519", 1);

        await store.PinAsync(Ip, 22, key, CancellationToken.None);

        Assert.Equal(target, new FileInfo(path).LinkTarget);
        Assert.Equal($"203.0.113.10 ssh-ed25519 {key.Base64}\n", File.ReadAllText(target));
    }

    [Fact]
    public async Task PinAsync_WaitsForAnotherProcessHoldingTheLock_AndKeepsTheLineItWrote()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var theirs = TestKeys.Make("ssh-ed25519", 8);
        var ours = TestKeys.Make("ssh-ed25519", 9);
        // Another process (flock(1), the same flock(2) lock .NET takes) holds the lock, appends a line once told to, and releases.
        using var holder = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            "flock", ["-x", path + ".lock", "sh", "-c", $"echo locked; read go; echo '198.51.100.9 ssh-ed25519 {theirs.Base64}' >> '{path}'"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        })!;
        Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync());

        var pin = store.PinAsync(Ip, 22, ours, CancellationToken.None);
        await holder.StandardInput.WriteLineAsync("go");
        holder.StandardInput.Close();
        await holder.WaitForExitAsync();
        await pin;

        Assert.Equal(
            [$"198.51.100.9 ssh-ed25519 {theirs.Base64}", $"203.0.113.10 ssh-ed25519 {ours.Base64}"],
            File.ReadAllLines(path));
    }

    [Fact]
    public async Task ForgetAsync_RemovesOnlyThatHostAndPort_KeepingEveryOtherLineByteForByte()
    {
        var key = TestKeys.Make("ssh-ed25519", 1);
        var other = TestKeys.Make("ssh-ed25519", 2);
        var text = $"# pins\r\n[203.0.113.10]:2222 ssh-ed25519 {key.Base64}\r\n203.0.113.10 ssh-ed25519 {other.Base64}\n" +
            $"[203.0.113.11]:2222 ssh-ed25519 {other.Base64}\n  bastion,[203.0.113.10]:2222 ssh-ed25519 {other.Base64} shared\n" +
            $"@revoked [203.0.113.10]:2222 ssh-ed25519 {other.Base64}\n203.0.113.* ssh-ed25519 {other.Base64}\n";
        WriteFile(text);

        Assert.True(await store.ForgetAsync(Ip, 2222, CancellationToken.None));

        Assert.Equal(
            $"# pins\r\n203.0.113.10 ssh-ed25519 {other.Base64}\n[203.0.113.11]:2222 ssh-ed25519 {other.Base64}\n" +
            $"  bastion ssh-ed25519 {other.Base64} shared\n@revoked [203.0.113.10]:2222 ssh-ed25519 {other.Base64}\n203.0.113.* ssh-ed25519 {other.Base64}\n",
            File.ReadAllText(path));
        Assert.DoesNotContain(key, (await store.FindAsync(Ip, 2222, CancellationToken.None)).Pinned);
    }

    [Fact]
    public async Task ForgetAsync_RemovesAHashedPin()
    {
        var key = TestKeys.Make("ssh-ed25519", 1);
        WriteFile($"[203.0.113.10]:2222 ssh-ed25519 {key.Base64}\n[203.0.113.11]:2222 ssh-ed25519 {key.Base64}\n");
        await ProcessRunner.RunAsync("ssh-keygen", "-H", "-f", path);
        File.Delete(path + ".old");

        Assert.True(await store.ForgetAsync(Ip, 2222, CancellationToken.None));

        Assert.Empty((await store.FindAsync(Ip, 2222, CancellationToken.None)).Pinned);
        Assert.Equal([key], (await store.FindAsync("203.0.113.11", 2222, CancellationToken.None)).Pinned);
    }

    [Fact]
    public async Task ForgetAsync_WhenNothingPinned_LeavesTheFileUntouchedAndSaysSo()
    {
        Assert.False(await store.ForgetAsync(Ip, 22, CancellationToken.None));
        Assert.False(File.Exists(path));

        var key = TestKeys.Make("ssh-ed25519", 1);
        WriteFile($"203.0.113.11 ssh-ed25519 {key.Base64}");
        var before = File.GetLastWriteTimeUtc(path);

        Assert.False(await store.ForgetAsync(Ip, 22, CancellationToken.None));
        Assert.Equal($"203.0.113.11 ssh-ed25519 {key.Base64}", File.ReadAllText(path));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task ForgetThenPin_PinsTheNewKeyOfARebuiltHost()
    {
        var old = TestKeys.Make("ssh-ed25519", 1);
        var rebuilt = TestKeys.Make("ssh-ed25519", 2);
        await store.PinAsync(Ip, 22, old, CancellationToken.None);

        await store.ForgetAsync(Ip, 22, CancellationToken.None);
        await store.PinAsync(Ip, 22, rebuilt, CancellationToken.None);

        Assert.Equal($"203.0.113.10 ssh-ed25519 {rebuilt.Base64}\n", File.ReadAllText(path));
    }

    private void WriteFile(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose()
    {
        store.Dispose();
        temp.Dispose();
    }
}
