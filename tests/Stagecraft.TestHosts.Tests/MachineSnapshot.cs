using System.Globalization;

namespace Stagecraft.TestHosts.Tests;

/// <summary>Names, sizes and modification times of every file under some real-machine directories.</summary>
internal static class MachineSnapshot
{
    public static IReadOnlyList<string> Take(params string[] directories) =>
        directories
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(path => File.Exists(path) && new FileInfo(path).LinkTarget is null
                ? string.Create(CultureInfo.InvariantCulture, $"{path} {new FileInfo(path).Length} {File.GetLastWriteTimeUtc(path).Ticks}")
                : path)
            .ToList();
}
