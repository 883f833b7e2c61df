namespace Stagecraft.Core.Configuration;

/// <summary>One key/value pair of a mapping; <see cref="KeyMark"/> is where the key stands.</summary>
public sealed record ConfigEntry(string Key, ConfigMark KeyMark, ConfigNode Value);
