namespace Stagecraft.Core.Bootstrap;

public sealed class NullProgressReporter : IProgressReporter
{
    public static NullProgressReporter Instance { get; } = new();

    public void Report(string hostName, HostStage stage)
    {
    }
}
