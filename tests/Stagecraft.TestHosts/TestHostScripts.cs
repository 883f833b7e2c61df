namespace Stagecraft.TestHosts;

/// <summary>Finds <c>tools/testhost</c>: <c>STAGECRAFT_TESTHOST_DIR</c>, else walking up from the test binaries.</summary>
internal static class TestHostScripts
{
    public const string DirectoryVariable = "STAGECRAFT_TESTHOST_DIR";

    public static string Directory
    {
        get
        {
            if (TryLocate(out var directory, out var problem))
            {
                return directory;
            }

            throw new InvalidOperationException(problem);
        }
    }

    public static string TestHostScript => Path.Combine(Directory, "testhost.sh");

    public static bool TryLocate(out string directory, out string problem)
    {
        var configured = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            directory = configured;
            problem = $"{DirectoryVariable}={configured} does not contain testhost.sh";
            return File.Exists(Path.Combine(configured, "testhost.sh"));
        }

        for (var current = new DirectoryInfo(AppContext.BaseDirectory); current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, "tools", "testhost");
            if (File.Exists(Path.Combine(candidate, "testhost.sh")))
            {
                directory = candidate;
                problem = string.Empty;
                return true;
            }
        }

        directory = string.Empty;
        problem = $"tools/testhost/testhost.sh not found above {AppContext.BaseDirectory}; set {DirectoryVariable}";
        return false;
    }
}
