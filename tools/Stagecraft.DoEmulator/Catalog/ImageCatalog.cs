namespace Stagecraft.DoEmulator.Catalog;

/// <summary>Public image slugs the emulator accepts; an integer image id is treated as a private snapshot.</summary>
internal static class ImageCatalog
{
    private static readonly ImageSpec[] Known =
    [
        new(63663980, "ubuntu-20-04-x64", "20.04 (LTS) x64", "Ubuntu", "base", 7, 0.61),
        new(129211873, "ubuntu-22-04-x64", "22.04 (LTS) x64", "Ubuntu", "base", 7, 1.16),
        new(155133621, "ubuntu-24-04-x64", "24.04 (LTS) x64", "Ubuntu", "base", 7, 1.28),
        new(160911327, "ubuntu-24-10-x64", "24.10 x64", "Ubuntu", "base", 7, 1.3),
        new(183373870, "ubuntu-25-04-x64", "25.04 x64", "Ubuntu", "base", 7, 1.35),
        new(106433672, "debian-11-x64", "11 x64", "Debian", "base", 7, 0.56),
        new(135421064, "debian-12-x64", "12 x64", "Debian", "base", 7, 0.7),
        new(195612233, "debian-13-x64", "13 x64", "Debian", "base", 7, 0.8),
        new(123435331, "rockylinux-9-x64", "9 x64", "Rocky Linux", "base", 10, 1.05),
        new(176451234, "fedora-42-x64", "42 x64", "Fedora", "base", 10, 1.1),
        new(145629000, "centos-stream-9-x64", "Stream 9 x64", "CentOS", "base", 10, 1.2),
    ];

    public static ImageSpec? FindBySlug(string slug) =>
        Array.Find(Known, i => string.Equals(i.Slug, slug, StringComparison.Ordinal));

    public static ImageSpec? FindById(long id) =>
        Array.Find(Known, i => i.Id == id) ?? (id > 0 ? Snapshot(id) : null);

    /// <summary>Seeded droplets may name anything; unknown slugs get a plausible stand-in.</summary>
    public static ImageSpec FindOrSynthesize(string slug) =>
        FindBySlug(slug) ?? new ImageSpec(1000, slug, slug, "Unknown", "base", 10, 1);

    private static ImageSpec Snapshot(long id) => new(id, null, $"snapshot-{id}", "Unknown", "snapshot", 25, 2.36);
}
