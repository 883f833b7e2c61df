using Stagecraft.Core.Testing;
using Stagecraft.Core.Bootstrap;
using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Tests.BadInput;

/// <summary>Every Core builder's rendered command line is split by a real sh into exactly the builder's argv.</summary>
public sealed class DockerCommandsShellTests
{
    public static TheoryData<bool> Users => new() { true, false };

    [Theory]
    [MemberData(nameof(Users))]
    public void Render_EveryCoreBuilder_ShParsesBackTheSameArgv(bool userIsRoot)
    {
        RemoteCommand[] commands =
        [
            DockerCommands.Detect(),
            DockerCommands.BinaryPresent(),
            DockerCommands.StartService(),
            DockerCommands.InstallApt(),
            DockerCommands.InstallScript(),
            OsCommands.ReadOsRelease(),
        ];

        var parsed = ShArgv.Parse([.. commands.Select(c => RemoteCommandRenderer.Render(c, userIsRoot))]);

        for (var i = 0; i < commands.Length; i++)
        {
            Assert.Equal(ShArgv.Expected(commands[i], userIsRoot), parsed[i]);
        }
    }

    [Fact]
    public void Render_PrivilegedScriptForNonRoot_KeepsTheWholeScriptAsOneWord()
    {
        var parsed = ShArgv.Parse([RemoteCommandRenderer.Render(DockerCommands.InstallApt(), userIsRoot: false)]);

        Assert.Equal(["sudo", "-n", "sh", "-c", DockerCommands.AptScript], parsed[0]);
    }
}
