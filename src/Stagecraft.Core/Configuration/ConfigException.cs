namespace Stagecraft.Core.Configuration;

/// <summary>The configuration is invalid (exit code 1). Carries every error found, in file order.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(string.Join('\n', errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    public ConfigException(string message)
        : base(message)
    {
        Errors = [];
    }

    public ConfigException()
        : this("invalid configuration")
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<ConfigError> Errors { get; }
}
