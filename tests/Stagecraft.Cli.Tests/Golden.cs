using Stagecraft.Core.Testing;

namespace Stagecraft.Cli.Tests;

/// <summary>Compares output with <c>Golden/&lt;name&gt;.verified.txt</c>. Set STAGECRAFT_UPDATE_GOLDEN=1 to rewrite the files.</summary>
internal static class Golden
{
    public static void Verify(string name, string actual)
    {
        var path = Path.Combine(SharedFiles.RepositoryRoot, "tests", "Stagecraft.Cli.Tests", "Golden", name + ".verified.txt");
        if (Environment.GetEnvironmentVariable("STAGECRAFT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run with STAGECRAFT_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
