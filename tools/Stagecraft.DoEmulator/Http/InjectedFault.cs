namespace Stagecraft.DoEmulator.Http;

internal enum InjectedFault
{
    None,
    TooManyRequests,
    ServerError,
}
