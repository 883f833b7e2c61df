using System.CommandLine;
using Stagecraft.Cli.Completion;

namespace Stagecraft.Cli.Commands;

/// <summary>Builds <c>stagecraft completion bash|zsh|fish|pwsh</c> and maps its parse result to <see cref="CompletionOptions"/>.</summary>
internal static class CompletionCommand
{
    public static Command Create(Func<CompletionOptions, CancellationToken, Task<int>> run)
    {
        var shell = new Argument<string>("shell") { Description = "The shell to print the script for: bash, zsh, fish or pwsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish", "pwsh");

        var completion = new Command("completion", "Print a shell completion script (commands, options, option values, environment names from the config).\n\nExample:\n  source <(stagecraft completion bash)      # in ~/.bashrc\n  stagecraft completion zsh > \"${fpath[1]}/_stagecraft\"\n  stagecraft completion fish > ~/.config/fish/completions/stagecraft.fish\n  stagecraft completion pwsh | Out-String | Invoke-Expression   # in $PROFILE")
        {
            shell,
        };
        completion.SetAction((parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(shell) switch
            {
                "zsh" => CompletionShell.Zsh,
                "fish" => CompletionShell.Fish,
                "pwsh" => CompletionShell.PowerShell,
                _ => CompletionShell.Bash,
            };
            return run(new CompletionOptions(chosen), cancellationToken);
        });

        return completion;
    }
}
