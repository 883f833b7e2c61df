using System.Diagnostics;
using System.Text;
using Stagecraft.EndToEnd.Support;

namespace Stagecraft.EndToEnd.Completion;

/// <summary>
/// The scripts of <c>stagecraft completion SHELL</c> in the real shells: each passes the shell's syntax check, and,
/// sourced into the shell with the real CLI on PATH, offers what the shell will show for a few command lines
/// (environment names from <c>stagecraft.yml</c> in the current directory).
/// </summary>
public sealed class ShellCompletionTests : IDisposable
{
    private const string Config = """
        project:
          name: shop
        cloud:
          provider: digitalocean
          providers:
            digitalocean:
              token_env: DO_TOKEN
              ssh_key_name: deploy-key
              default_region: nyc1
              default_size: s-2vcpu-4gb
              hosts:
                staging: { app-1: { role: app } }
                prod: { app-1: { role: app } }
                preview: { app-1: { role: app } }
        network:
          provider: tailscale
          providers:
            tailscale:
              auth_key_env: TS_AUTHKEY
              tailnet_domain: example.ts.net
              default_tags: ["tag:stagecraft"]
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("stagecraft-completion-").FullName;
    private readonly string bin;

    public ShellCompletionTests()
    {
        // `stagecraft` on PATH, as an installed CLI would be: the CLI under test behind a two-line wrapper.
        bin = Path.Combine(directory, "bin");
        Directory.CreateDirectory(bin);
        var cli = Path.Combine(AppContext.BaseDirectory, "cli", "stagecraft.dll");
        var wrapper = Path.Combine(bin, "stagecraft");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet '{cli}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        File.WriteAllText(Path.Combine(directory, "stagecraft.yml"), Config);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [ShellFact("bash")]
    public async Task Bash_Script_PassesBashN() => await AssertSyntaxAsync("bash", "bash", "-n");

    [ShellFact("zsh")]
    public async Task Zsh_Script_PassesZshN() => await AssertSyntaxAsync("zsh", "zsh", "-n");

    [ShellFact("fish")]
    public async Task Fish_Script_PassesFishN() => await AssertSyntaxAsync("fish", "fish", "-n");

    [ShellFact("bash")]
    public async Task Bash_Script_RegistersForStagecraftWithFileFallback()
    {
        var script = await ScriptAsync("bash");

        var result = await RunAsync("bash", "-c", $"source '{script}'; complete -p stagecraft");

        Assert.Equal((0, "complete -o default -F _stagecraft_complete stagecraft\n"), result);
    }

    [ShellFact("bash")]
    public async Task Bash_Completions_AreWhatTheShellShows()
    {
        var script = await ScriptAsync("bash");

        Assert.Equal("completion\ninfra\n", await BashAsync(script, "stagecraft ", "c", "i"));
        Assert.Equal("--help\n-?\n-h\n", await BashAsync(script, "stagecraft infra ", "-"));
        Assert.Equal("down\nhosts\n", await BashAsync(script, "stagecraft infra ", "d", "h"));
        Assert.Equal("up\n", await BashAsync(script, "stagecraft infra u"));
        Assert.Equal("json\ntext\n", await BashAsync(script, "stagecraft infra up -o "));
        Assert.Equal("preview\nprod\nstaging\n", await BashAsync(script, "stagecraft infra up --env "));
        Assert.Equal("preview\nprod\n", await BashAsync(script, "stagecraft infra down -e pr"));
        Assert.Equal("bash\nfish\npwsh\nzsh\n", await BashAsync(script, "stagecraft completion ", "b", "f", "p", "z"));

        // Nothing the CLI knows: COMPREPLY stays empty and `complete -o default` offers file names.
        Assert.Equal(string.Empty, await BashAsync(script, "stagecraft infra up --config stage"));
    }

    [ShellFact("bash")]
    public async Task Bash_EnvWithABrokenConfig_OffersNothingAndPrintsNothing()
    {
        var script = await ScriptAsync("bash");
        File.WriteAllText(Path.Combine(directory, "stagecraft.yml"), "project: [unclosed\n");

        var (exit, output) = await RunAsync("bash", "-c", BashCompletion(script, "stagecraft infra up --env "));

        Assert.Equal((0, string.Empty), (exit, output));
    }

    [ShellFact("fish")]
    public async Task Fish_Completions_AreWhatTheShellShows()
    {
        var script = await ScriptAsync("fish");

        Assert.Equal("down\n", await FishAsync(script, "stagecraft infra d"));
        Assert.Equal("up\n", await FishAsync(script, "stagecraft infra u"));
        Assert.Equal("json\ntext\n", await FishAsync(script, "stagecraft infra up -o "));
        Assert.Equal("preview\nprod\nstaging\n", await FishAsync(script, "stagecraft infra up --env "));
        Assert.Equal("staging\n", await FishAsync(script, "stagecraft infra hosts --env st"));

        // Nothing the CLI knows: file names.
        Assert.Equal("stagecraft.yml\n", await FishAsync(script, "stagecraft infra up --config stage"));
    }

    [ShellFact("zsh")]
    public async Task Zsh_Completions_AreWhatTheShellShows()
    {
        var script = await ScriptAsync("zsh");

        Assert.Equal("compadd: hosts\n", await ZshAsync(script, ["stagecraft", "infra", "h"]));
        Assert.Equal("compadd: up\n", await ZshAsync(script, ["stagecraft", "infra", "u"]));
        Assert.Equal("compadd: json text\n", await ZshAsync(script, ["stagecraft", "infra", "up", "-o", ""]));
        Assert.Equal("compadd: preview prod\n", await ZshAsync(script, ["stagecraft", "infra", "up", "--env", "pr"]));

        // Nothing the CLI knows: zsh's own file completion.
        Assert.Equal("_files\n", await ZshAsync(script, ["stagecraft", "infra", "up", "--config", "stage"]));
    }

    private async Task AssertSyntaxAsync(string shell, params string[] check)
    {
        var script = await ScriptAsync(shell);

        var (exit, output) = await RunAsync(check[0], [.. check[1..], script]);

        Assert.True(exit == 0, $"{string.Join(' ', check)} {shell} script: exit {exit}\n{output}");
        Assert.Equal(string.Empty, output);
    }

    private async Task<string> ScriptAsync(string shell)
    {
        var (exit, output) = await RunAsync("stagecraft", "completion", shell);
        Assert.Equal(0, exit);
        var path = Path.Combine(directory, "completion." + shell);
        await File.WriteAllTextAsync(path, output);
        return path;
    }

    /// <summary>COMPREPLY after the script's function ran for <paramref name="line"/>, as bash would call it; lines starting with one of <paramref name="keep"/> only, if given.</summary>
    private async Task<string> BashAsync(string script, string line, params string[] keep)
    {
        var (exit, output) = await RunAsync("bash", "-c", BashCompletion(script, line));
        Assert.Equal(0, exit);
        return Keep(output, keep);
    }

    private static string BashCompletion(string script, string line) => $$"""
        source '{{script}}'
        COMP_LINE='{{line}}'
        COMP_POINT=${#COMP_LINE}
        read -r -a COMP_WORDS <<< "$COMP_LINE"
        [[ "$COMP_LINE" == *' ' ]] && COMP_WORDS+=("")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        _stagecraft_complete
        (( ${#COMPREPLY[@]} )) && printf '%s\n' "${COMPREPLY[@]}"
        exit 0
        """;

    /// <summary>What fish offers for <paramref name="line"/> (<c>complete -C</c>), the candidates only.</summary>
    private async Task<string> FishAsync(string script, string line)
    {
        var (exit, output) = await RunAsync("fish", "-c", $"source '{script}'; complete -C '{line}'");
        Assert.Equal(0, exit);
        var candidates = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0]);
        return string.Concat(candidates.Select(c => c + "\n"));
    }

    /// <summary>
    /// What the zsh function hands to compadd (or whether it falls back to _files) for the words typed: zsh's
    /// completion system needs a terminal, so compadd, _files and compdef are stand-ins that print their call.
    /// </summary>
    private async Task<string> ZshAsync(string script, string[] words)
    {
        var quoted = string.Join(' ', words.Select(w => $"'{w}'"));
        var program = $$"""
            compadd() { [[ "$1" == -- ]] && shift; print -r -- "compadd: $*"; }
            _files() { print -r -- _files; }
            compdef() { :; }
            source '{{script}}'
            words=({{quoted}})
            CURRENT=${#words}
            _stagecraft
            """;
        var (exit, output) = await RunAsync("zsh", "-c", program);
        Assert.Equal(0, exit);
        return output;
    }

    private static string Keep(string output, string[] keep) =>
        keep.Length == 0
            ? output
            : string.Concat(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => keep.Any(k => l.StartsWith(k, StringComparison.Ordinal))).Select(l => l + "\n"));

    private async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["HOME"] = directory;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(directory, "config");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
