namespace Stagecraft.Tailscale.Tests.Fakes;

/// <summary>The shared fixtures (<c>../shared/fixtures/remote</c> beside the repo), found by walking up from the test binaries.</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> RemoteDirectory = new(FindRemoteDirectory);

    public static string Remote(string name) => File.ReadAllText(Path.Combine(RemoteDirectory.Value, name));

    private static string FindRemoteDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "remote");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no shared/fixtures/remote above {AppContext.BaseDirectory}");
    }
}
