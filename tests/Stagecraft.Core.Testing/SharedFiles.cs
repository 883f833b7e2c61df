namespace Stagecraft.Core.Testing;

/// <summary>Finds the repository root and the shared reference folder (<c>../shared</c> beside it).</summary>
public static class SharedFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string SharedDirectory { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string Fixture(string relative) => File.ReadAllText(Path.Combine(SharedDirectory, "fixtures", relative));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Stagecraft.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (Stagecraft.slnx) not found above " + AppContext.BaseDirectory);
    }
}
