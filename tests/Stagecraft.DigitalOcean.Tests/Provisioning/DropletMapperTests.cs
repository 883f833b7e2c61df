using Stagecraft.Core.Providers;
using System.Text.Json;
using Stagecraft.Core.Configuration;
using Stagecraft.DigitalOcean.Api.Wire;
using Stagecraft.DigitalOcean.Configuration;
using Stagecraft.DigitalOcean.Provisioning;

namespace Stagecraft.DigitalOcean.Tests.Provisioning;

public sealed class DropletMapperTests
{
    /// <summary>What the fixture droplet is: its size, region, image, features and hand tags declared.</summary>
    private static readonly DropletSpec Spec = new("app-1", "app", "s-1vcpu-1gb", "nyc3", "ubuntu-20-04-x64", new ConfigMark(1, 1))
    {
        Options = new DropletOptions { Backups = true, Ipv6 = true, Tags = ["env:prod", "web"] },
    };

    [Fact]
    public void ToHost_WhenPrivateAddressComesFirst_TakesThePublicOne()
    {
        var droplet = Fixture();

        var host = DropletMapper.ToHost(Spec, "staging-app-1", droplet);

        Assert.Equal(("app-1", "staging-app-1", "3164444", "app", "192.241.165.154"), (host.Name, host.ResourceName, host.Id, host.Role, host.PublicIp));
        Assert.Equal(["env:prod", "web"], host.Tags);
    }

    [Fact]
    public void ToHost_DescribesTheDropletAsTheApiReportsIt()
    {
        var host = DropletMapper.ToHost(Spec with { Region = "fra1", Size = "s-2vcpu-4gb" }, "staging-app-1", Fixture());

        Assert.Equal(("10.128.192.124", "nyc3", "s-1vcpu-1gb", "ubuntu-20-04-x64", "active"), (host.PrivateIp, host.Region, host.Size, host.Image, host.Status));
    }

    [Fact]
    public void ToHost_WhenImageHasNoSlugAndNoPrivateAddress_GivesTheImageIdAndNoPrivateIp()
    {
        var droplet = new DropletDto
        {
            Id = 7,
            Name = "staging-app-1",
            Status = "off",
            Image = new ImageDto { Id = 63663980 },
            Networks = new NetworksDto { V4 = [new NetworkV4Dto { IpAddress = "203.0.113.9", Type = "public" }] },
        };

        var host = DropletMapper.ToHost(Spec, "staging-app-1", droplet);

        Assert.Equal((null, string.Empty, string.Empty, "63663980", "off"), (host.PrivateIp, host.Region, host.Size, host.Image, host.Status));
    }

    [Fact]
    public void PublicIpv4_WhenNoPublicEntry_IsNull()
    {
        var droplet = new DropletDto { Networks = new NetworksDto { V4 = [new NetworkV4Dto { IpAddress = "10.0.0.2", Type = "private" }] } };

        Assert.Null(DropletMapper.PublicIpv4(droplet));
        Assert.False(DropletMapper.IsReady(droplet));
    }

    [Fact]
    public void Drift_WhenSpecMatchesFixture_IsEmpty() =>
        Assert.Empty(DropletMapper.Drift(Spec, Fixture()));

    [Fact]
    public void Drift_WhenRegionGivenAsPrefix_MatchesItsDatacenter() =>
        Assert.Empty(DropletMapper.Drift(Spec with { Region = "nyc" }, Fixture()));

    [Fact]
    public void Drift_WhenAllDiffer_ListsExpectedAndActual() =>
        Assert.Equal(
            [new Drift("size", "s-2vcpu-4gb", "s-1vcpu-1gb"), new Drift("region", "fra1", "nyc3"), new Drift("image", "ubuntu-22-04-x64", "ubuntu-20-04-x64")],
            DropletMapper.Drift(Spec with { Size = "s-2vcpu-4gb", Region = "fra1", Image = "ubuntu-22-04-x64" }, Fixture()));

    [Fact]
    public void Drift_WhenFeaturesDiffer_ListsEachAsOnOrOff() =>
        Assert.Equal(
            [new Drift("backups", "off", "on"), new Drift("monitoring", "on", "off")],
            DropletMapper.Drift(Spec with { Options = Spec.Options with { Backups = false, Monitoring = true } }, Fixture()));

    [Fact]
    public void Drift_WhenTheDropletCarriesUndeclaredTags_ListsThemButNotTheMarkerTags()
    {
        var droplet = new DropletDto
        {
            SizeSlug = "s-1vcpu-1gb",
            Region = new RegionDto { Slug = "nyc3" },
            Image = new ImageDto { Slug = "ubuntu-20-04-x64" },
            Features = ["backups", "ipv6", "private_networking"],
            Tags = ["env:prod", "stagecraft", "stagecraft-env-staging", "team:ops", "web"],
        };

        Assert.Equal([new Drift("tags", "env:prod, web", "env:prod, team:ops, web")], DropletMapper.Drift(Spec, droplet));
        Assert.Equal([new Drift("tags", "(none)", "env:prod, team:ops, web")], DropletMapper.Drift(Spec with { Options = Spec.Options with { Tags = [] } }, droplet));
    }

    [Fact]
    public void ReconcileChanges_WhenDeclaredTagsAreMissing_AddsThemBesideTheMarkerTagsSorted() =>
        Assert.Equal(
            [new AddTag("env:prod"), new AddTag("stagecraft-env-staging")],
            DropletMapper.ReconcileChanges("staging", Spec, new DropletDto { Status = "active", Tags = ["stagecraft", "web"] }));

    [Fact]
    public void Desired_WhenOptionsAreSet_ListsTagsFeaturesAndUserDataAfterSizeRegionImage() =>
        Assert.Equal(
            ["size s-1vcpu-1gb", "region nyc3", "image ubuntu-20-04-x64", "tags env:prod, web", "features backups, ipv6", "user_data /srv/cloud-init.yml"],
            DropletMapper.Desired(Spec with { Options = Spec.Options with { UserDataPath = "/srv/cloud-init.yml", UserData = "#cloud-config\n" } }).Select(d => $"{d.Name} {d.Value}"));

    [Fact]
    public void Drift_WhenImageGivenById_ComparesIds() =>
        Assert.Empty(DropletMapper.Drift(Spec with { Image = "63663980" }, Fixture()));

    [Fact]
    public void ReconcileChanges_WhenOffAndUntagged_ListsTagsThenPowerOn() =>
        Assert.Equal(
            [new AddTag("env:prod"), new AddTag("stagecraft"), new AddTag("stagecraft-env-staging"), new PowerOn()],
            DropletMapper.ReconcileChanges("staging", Spec, new DropletDto { Status = "off", Tags = ["web"] }));

    private static DropletDto Fixture()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "droplet-active.json"));
        return JsonSerializer.Deserialize(json, DigitalOceanJsonContext.Default.DropletResponse)!.Droplet!;
    }
}
