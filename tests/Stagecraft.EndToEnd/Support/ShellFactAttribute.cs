namespace Stagecraft.EndToEnd.Support;

/// <summary>
/// A test that needs <paramref name="shell"/> on PATH. Where it is missing the test is reported as skipped with the
/// reason (never passed silently); scripts/test.sh installs bash, zsh and fish, so CI runs them all.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ShellFactAttribute : FactAttribute
{
    public ShellFactAttribute(string shell)
    {
        Shell = shell;
        if (Find(shell) is null)
        {
            Skip = $"{shell} is not installed (Debian package '{shell}'; scripts/test.sh installs it): its completion script is not checked";
        }
    }

    public string Shell { get; }

    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }
}
