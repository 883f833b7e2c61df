namespace Stagecraft.Core.Secrets;

/// <summary>Reads a secret by the name of the environment variable the config gives (token_env, auth_key_env).</summary>
public interface ISecretSource
{
    /// <returns>The secret, or null when the variable is unset or empty.</returns>
    Secret? Read(string variableName);
}
