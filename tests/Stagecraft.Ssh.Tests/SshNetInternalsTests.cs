using System.Reflection;
using Renci.SshNet;

namespace Stagecraft.Ssh.Tests;

public sealed class SshNetInternalsTests
{
    [Fact]
    public void PinnedSshNet_HasEveryPrivateMemberTheStdinWriterUses()
    {
        // Fails when an SSH.NET upgrade renames or retypes one of them: update SshCommandStdin, then TestedVersion.
        Assert.Null(SshNetInternals.Problem);
        Assert.NotNull(SshNetInternals.Current);
        Assert.StartsWith(
            SshNetInternals.TestedVersion,
            SshNetVersion,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WhenMembersAreMissing_NamesEachOneAndTheLibraryVersion()
    {
        var (members, problem) = SshNetInternals.Resolve(typeof(SshCommand), typeof(NotAChannel));

        Assert.Null(members);
        Assert.Equal(
            $"SSH.NET {SshNetVersion} lacks field NotAChannel._messagingLock (Lock), " +
            "field NotAChannel._channelServerWindowAdjustWaitHandle (EventWaitHandle), property NotAChannel.IsOpen (Boolean), " +
            "property NotAChannel.RemoteWindowSize (UInt32), property NotAChannel.RemotePacketSize (UInt32), " +
            "method NotAChannel.SendData(byte[], int, int), method NotAChannel.SendEof(), which stagecraft uses to send secrets " +
            $"on a command's stdin (tested with SSH.NET {SshNetInternals.TestedVersion}); install a stagecraft build made for this SSH.NET version",
            problem);
    }

    [Fact]
    public void Resolve_WhenTheCommandHasNoChannelFieldOrTheChannelTypeIsGone_SaysSo()
    {
        var (members, problem) = SshNetInternals.Resolve(typeof(NotAChannel), channelType: null);

        Assert.Null(members);
        Assert.Matches(
            @"^SSH\.NET \S+ lacks field NotAChannel\._channel, type Renci\.SshNet\.Channels\.ChannelSession, which stagecraft uses ",
            problem);
    }

    private static string SshNetVersion =>
        typeof(SshClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    private sealed class NotAChannel;
}
