namespace Stagecraft.Core.Results;

public enum BootstrapStatus
{
    Success,
    Failed,
    Skipped,
}
