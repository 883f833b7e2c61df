namespace Stagecraft.Cli.Completion;

/// <summary>
/// The completion scripts <c>stagecraft completion SHELL</c> prints. Each hands the command line up to the cursor to
/// System.CommandLine's suggest directive (<c>stagecraft [suggest:N] "line"</c>, N = the cursor position) and shows
/// the lines it prints, so the suggestions always match the installed CLI: commands, options, option values and the
/// environment names of the config. The Windows-style help aliases (<c>/?</c>, <c>/h</c>) are left out. Where the CLI
/// suggests nothing (a path after <c>--config</c>, say), bash, zsh and fish fall back to file names.
/// </summary>
internal static class CompletionScripts
{
    public const string Bash = """
        # stagecraft completion for bash. Load it from ~/.bashrc:
        #   source <(stagecraft completion bash)
        # The suggestions come from the CLI itself (its [suggest] directive): commands, options, option values and the
        # environment names of ./stagecraft.yml (or of the file after --config).
        _stagecraft_complete()
        {
            local IFS=$'\n'
            local line="${COMP_LINE:0:COMP_POINT}"
            local suggestions
            suggestions=$(command stagecraft "[suggest:${#line}]" "$line" 2>/dev/null | command grep -v '^/')
            COMPREPLY=($(compgen -W "$suggestions" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _stagecraft_complete stagecraft

        """;

    public const string Zsh = """
        #compdef stagecraft
        # stagecraft completion for zsh. Either load it from ~/.zshrc, after compinit:
        #   source <(stagecraft completion zsh)
        # or save it as _stagecraft in a directory of $fpath:
        #   stagecraft completion zsh > "${fpath[1]}/_stagecraft"
        # The suggestions come from the CLI itself (its [suggest] directive): commands, options, option values and the
        # environment names of ./stagecraft.yml (or of the file after --config).
        _stagecraft()
        {
            local line="${(j: :)${(@)words[1,CURRENT]}}"
            local current="${words[CURRENT]}"
            local -a suggestions
            suggestions=("${(@f)$(command stagecraft "[suggest:${#line}]" "$line" 2>/dev/null)}")
            suggestions=("${(@)suggestions:#/*}")
            suggestions=("${(@)suggestions:#}")
            suggestions=("${(@M)suggestions:#${(b)current}*}")
            if (( ${#suggestions} )); then
                compadd -- "${suggestions[@]}"
            else
                _files
            fi
        }
        if [[ "${funcstack[1]}" == "_stagecraft" ]]; then
            _stagecraft "$@"
        else
            compdef _stagecraft stagecraft
        fi

        """;

    public const string Fish = """
        # stagecraft completion for fish. Save it where fish looks for completions:
        #   stagecraft completion fish > ~/.config/fish/completions/stagecraft.fish
        # The suggestions come from the CLI itself (its [suggest] directive): commands, options, option values and the
        # environment names of ./stagecraft.yml (or of the file after --config).
        function __stagecraft_complete
            set -l line (commandline -cp)
            set -l current (commandline -ct)
            set -l suggestions
            for suggestion in (command stagecraft "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null)
                if test -n "$suggestion"; and test (string sub -l (string length -- "$current") -- "$suggestion") = "$current"; and not string match -q -- '/*' "$suggestion"
                    set -a suggestions $suggestion
                end
            end
            if test (count $suggestions) -gt 0
                printf '%s\n' $suggestions
            else
                __fish_complete_path $current
            end
        end
        complete -c stagecraft -f -a '(__stagecraft_complete)'

        """;

    public const string PowerShell = """
        # stagecraft completion for PowerShell. Load it from $PROFILE:
        #   stagecraft completion pwsh | Out-String | Invoke-Expression
        # The suggestions come from the CLI itself (its [suggest] directive): commands, options, option values and the
        # environment names of ./stagecraft.yml (or of the file after --config).
        Register-ArgumentCompleter -Native -CommandName stagecraft -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $position = $cursorPosition - $commandAst.Extent.StartOffset
            if ($position -gt $line.Length) { $line = $line.PadRight($position) }
            $line = $line.Substring(0, $position)
            stagecraft "[suggest:$position]" "$line" 2>$null |
                Where-Object { $_ -and -not $_.StartsWith('/') -and $_.StartsWith($wordToComplete, [System.StringComparison]::Ordinal) } |
                ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
        }

        """;

    public static string For(CompletionShell shell) => shell switch
    {
        CompletionShell.Zsh => Zsh,
        CompletionShell.Fish => Fish,
        CompletionShell.PowerShell => PowerShell,
        _ => Bash,
    };
}
