namespace Stagecraft.Core.Results;

public enum ReportErrorKind
{
    Config,
    CloudProvider,
    Bootstrap,
    Interrupted,

    /// <summary>A bad command line (unknown option, bad value): exit 1.</summary>
    Usage,

    /// <summary>A bug: an exception no stage expected. The report is still printed; exit 70.</summary>
    Internal,
}
