namespace Stagecraft.DoEmulator.Tests;

/// <summary>Finds the project's <c>shared/</c> folder (beside the repository) from the test's output folder.</summary>
internal static class SharedFolder
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "reference")))
            {
                return System.IO.Path.Combine([candidate, .. parts]);
            }
        }

        throw new DirectoryNotFoundException($"no shared/reference above {AppContext.BaseDirectory}");
    }
}
