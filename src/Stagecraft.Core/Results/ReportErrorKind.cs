namespace Stagecraft.Core.Results;

public enum ReportErrorKind
{
    Config,
    CloudProvider,
    Bootstrap,
    Interrupted,
}
