using System.Diagnostics;
using CsCheck;
using Stagecraft.Core.Remote;

namespace Stagecraft.Core.Tests.Remote;

public sealed class ShellQuotingTests
{
    [Theory]
    [InlineData("tailscale", "tailscale")]
    [InlineData("--advertise-tags=tag:a,tag:b", "--advertise-tags=tag:a,tag:b")]
    [InlineData("", "''")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$(reboot)", "'$(reboot)'")]
    [InlineData("{{json .}}", "'{{json .}}'")]
    [InlineData("web-1\n", "'web-1\n'")]
    public void Quote_Word_IsExact(string word, string expected)
    {
        Assert.Equal(expected, ShellQuoting.Quote(word));
    }

    [Fact]
    public void Quote_AnyString_RoundTripsThroughRealSh()
    {
        // Property: for arbitrary words (shell metacharacters included), sh sees exactly the original argv.
        var word = Gen.String[Gen.Char[(char)1, (char)127], 0, 12];
        Gen.Select(word, word, word).Sample(
            words =>
            {
                var argv = new[] { words.Item1, words.Item2, words.Item3 };
                var script = "printf '%s\\0' " + ShellQuoting.Join(argv);
                var echoed = RunSh(script);
                Assert.Equal(string.Join('\0', argv) + "\0", echoed);
            },
            iter: 60);
    }

    private static string RunSh(string script)
    {
        // The script goes in on stdin: .NET's argv passing on Unix splits arguments on newlines.
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("-s");
        using var process = Process.Start(start)!;
        process.StandardInput.Write(script + "\n");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
