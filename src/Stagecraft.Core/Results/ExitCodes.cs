namespace Stagecraft.Core.Results;

/// <summary>Every exit code, in one place.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Config = 1;
    public const int CloudProvider = 2;
    public const int Bootstrap = 3;
    public const int HostsFailed = 10;
    public const int Interrupted = 130;
}
