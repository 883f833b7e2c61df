using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Stagecraft.DoEmulator.Tests;

/// <summary>The emulator as scripts use it: a process that prints one line and serves until SIGTERM.</summary>
public sealed partial class ExecutableTests
{
    [Fact]
    public async Task Executable_PrintsListeningLine_RunsOnActiveCommand_AndExitsOnSigterm()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])
            [
                Path.Combine(AppContext.BaseDirectory, "Stagecraft.DoEmulator.dll"), "--port", "0", "--token", "T",
                "--ip-pool", "127.0.0.10", "--boot-delay", "100ms", "--on-active-command", "echo \"active $DROPLET_NAME $DROPLET_IP\"",
            ])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var step = "waiting for the listening line";
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            var match = ListeningLine().Match(line ?? "");
            Assert.True(match.Success, $"unexpected first line: {line}");

            using var client = new HttpClient { BaseAddress = new Uri(match.Groups["url"].Value) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "T");
            using var body = new StringContent("""{"name":"web-1","size":"s-1vcpu-1gb","image":"ubuntu-22-04-x64"}""", Encoding.UTF8, "application/json");
            using var created = await client.PostAsync(new Uri("/v2/droplets", UriKind.Relative), body, timeout.Token);
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);

            step = "waiting for the on-active command's output";
            string? stderr;
            do
            {
                stderr = await process.StandardError.ReadLineAsync(timeout.Token);
            }
            while (stderr is not null && stderr != "active web-1 127.0.0.10");

            Assert.Equal("active web-1 127.0.0.10", stderr);

            step = "waiting for exit after SIGTERM";
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", await process.StandardOutput.ReadToEndAsync(timeout.Token));
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"timed out {step}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [GeneratedRegex(@"^listening on (?<url>http://127\.0\.0\.1:[0-9]+)$")]
    private static partial Regex ListeningLine();
}
