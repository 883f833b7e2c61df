namespace Stagecraft.Core.Results;

/// <summary>Every exit code, in one place.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Config = 1;
    public const int CloudProvider = 2;
    public const int Bootstrap = 3;
    public const int HostsFailed = 10;

    /// <summary>An internal error (a bug): EX_SOFTWARE from sysexits.h.</summary>
    public const int Internal = 70;
    public const int Interrupted = 130;
}
