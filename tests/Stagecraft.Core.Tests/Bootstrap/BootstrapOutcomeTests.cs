using Stagecraft.Core.Results;

namespace Stagecraft.Core.Tests.Bootstrap;

public sealed class BootstrapOutcomeTests
{
    [Fact]
    public void Failed_MessageWithLinesAndTerminalEscapes_IsOneSafeLine()
    {
        var outcome = BootstrapOutcome.Failed("config_invalid", "unsupported: \u001b[31mEvil OS\u001b[0m\n  second line\r\n");

        Assert.Equal("unsupported: \\u001b[31mEvil OS\\u001b[0m second line", outcome.Message);
    }
}
