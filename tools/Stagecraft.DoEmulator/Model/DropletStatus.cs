namespace Stagecraft.DoEmulator.Model;

/// <summary>The droplet status values of the API (strings on the wire).</summary>
internal static class DropletStatus
{
    public const string New = "new";
    public const string Active = "active";
    public const string Off = "off";
    public const string Archive = "archive";

    public static bool IsKnown(string status) => status is New or Active or Off or Archive;
}
