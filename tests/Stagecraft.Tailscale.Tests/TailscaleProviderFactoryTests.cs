using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Providers;
using Stagecraft.Tailscale.Configuration;
using Stagecraft.Tailscale.Tests.Fakes;

namespace Stagecraft.Tailscale.Tests;

public sealed class TailscaleProviderFactoryTests
{
    private static readonly ProviderContext Context = new(new FakeTimeProvider(), new RecordingSecretSource(throwOnRead: true), NullDiagnostics.Instance);

    [Fact]
    public void Id_IsTailscale() => Assert.Equal("tailscale", new TailscaleProviderFactory().Id);

    [Fact]
    public void Create_WithBoundSettings_ReturnsProviderWithoutReadingTheKey()
    {
        var settings = new TailscaleSettings("TS_AUTHKEY", "example.ts.net", [], new Dictionary<string, IReadOnlyList<string>>(), TailscaleInstallMethod.Auto, null);

        var provider = new TailscaleProviderFactory().Create(settings, Context);

        Assert.Equal("tailscale", provider.Id);
        Assert.Empty(((RecordingSecretSource)Context.Secrets).Reads);
    }

    [Fact]
    public void Create_WithForeignSettings_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TailscaleProviderFactory().Create(new ForeignSettings(), Context));
        Assert.StartsWith("settings were not bound by the tailscale provider", ex.Message, StringComparison.Ordinal);
    }

    private sealed class ForeignSettings : INetworkProviderSettings
    {
        public IReadOnlyList<string> DefaultTags => [];

        public IReadOnlyDictionary<string, IReadOnlyList<string>> RoleTags => new Dictionary<string, IReadOnlyList<string>>();
    }
}
