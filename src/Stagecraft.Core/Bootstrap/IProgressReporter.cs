namespace Stagecraft.Core.Bootstrap;

/// <summary>Receives per-host progress (a live view on a TTY). Must be thread-safe; never affects the report.</summary>
public interface IProgressReporter
{
    void Report(string hostName, HostStage stage);
}
