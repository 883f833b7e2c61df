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
    public async Task GetPinnedKeysAsync_DistinguishesPort22FromOtherPorts()
    {
        var on22 = TestKeys.Make("ssh-ed25519", 1);
        var on2222 = TestKeys.Make("ssh-ed25519", 2);
        await store.PinAsync(Ip, 22, on22, CancellationToken.None);
        await store.PinAsync(Ip, 2222, on2222, CancellationToken.None);

        Assert.Equal([on22], await store.GetPinnedKeysAsync(Ip, 22, CancellationToken.None));
        Assert.Equal([on2222], await store.GetPinnedKeysAsync(Ip, 2222, CancellationToken.None));
        Assert.Empty(await store.GetPinnedKeysAsync("203.0.113.11", 22, CancellationToken.None));
    }

    [Fact]
    public async Task GetPinnedKeysAsync_WhenFileMissing_ReturnsEmpty()
    {
        Assert.Empty(await store.GetPinnedKeysAsync(Ip, 22, CancellationToken.None));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Check_WhenSameKeyPinned_IsKnownAndFileUnchanged()
    {
        var key = TestKeys.Make("ssh-ed25519", 1);
        await store.PinAsync(Ip, 22, key, CancellationToken.None);
        var before = File.ReadAllText(path);

        var pinned = await store.GetPinnedKeysAsync(Ip, 22, CancellationToken.None);
        await store.PinAsync(Ip, 22, TestKeys.Make("ssh-ed25519", 1), CancellationToken.None);

        Assert.Equal(HostKeyCheck.Known, KnownHostsStore.Check(pinned, TestKeys.Make("ssh-ed25519", 1)));
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void Check_WhenNothingPinned_IsUnknown()
    {
        Assert.Equal(HostKeyCheck.Unknown, KnownHostsStore.Check([], TestKeys.Make("ssh-ed25519", 1)));
    }

    [Theory]
    [InlineData("ssh-ed25519")]
    [InlineData("ecdsa-sha2-nistp256")]
    public async Task Check_WhenOtherKeyPinned_IsChangedWhateverTheType(string presentedType)
    {
        await store.PinAsync(Ip, 22, TestKeys.Make("ssh-ed25519", 1), CancellationToken.None);

        var pinned = await store.GetPinnedKeysAsync(Ip, 22, CancellationToken.None);

        Assert.Equal(HostKeyCheck.Changed, KnownHostsStore.Check(pinned, TestKeys.Make(presentedType, 2)));
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
        Assert.Equal([hashedKey], await store.GetPinnedKeysAsync("198.51.100.7", 22, CancellationToken.None));
        Assert.Equal([hashedKey], await store.GetPinnedKeysAsync("198.51.100.8", 2222, CancellationToken.None));
        Assert.Empty(await store.GetPinnedKeysAsync("198.51.100.8", 22, CancellationToken.None));
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

    public void Dispose()
    {
        store.Dispose();
        temp.Dispose();
    }
}
