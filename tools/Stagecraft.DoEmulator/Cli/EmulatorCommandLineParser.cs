using System.Globalization;

namespace Stagecraft.DoEmulator.Cli;

/// <summary>Turns <c>--flag value</c> / <c>--flag=value</c> arguments into <see cref="EmulatorCommandLine"/>.</summary>
internal static class EmulatorCommandLineParser
{
    public const string Usage = """
        usage: Stagecraft.DoEmulator [options]
          --port N                 listen on 127.0.0.1:N (default 0 = any free port)
          --token T                accepted bearer token; repeat or comma-separate (default emulator-token)
          --ip-pool A,B            public IPv4s handed out in order (then 203.0.113.x)
          --boot-delay D           new -> active delay (default 2s); D is 50ms, 3s, 2m, 1h or plain seconds
          --action-delay D         droplet action duration (default 1s)
          --fail-429-every N       every Nth authenticated request gets 429 (retry-after: 1)
          --error-rate P           probability 0..1 of an injected 500
          --seed N                 seed for --error-rate (default 1)
          --lose-create A,B        droplet names whose create happens but answers 500 (once each)
          --list-lag D             new droplets are missing from list results for D
          --delete-lag D           deleted droplets stay visible for D before GETs return 404
          --page-size-cap N        cap on per_page (default 200)
          --droplet-limit N        account droplet limit (422 beyond it)
          --burst-limit N          requests per minute per token (default 250)
          --hourly-limit N         requests per hour per token (default 5000; ratelimit-limit)
          --response-delay D       latency added to every response
          --state-file F           persist state as JSON in F and reload it on start
          --ssh-key-name NAME      name of the account's SSH key (default deploy-key)
          --ssh-public-key FILE    the account's SSH key is this OpenSSH public key (its MD5 fingerprint is shown)
          --account-status S       GET /v2/account status: active (default), warning or locked
          --on-active-command CMD  run CMD via /bin/sh when a droplet turns active (env DROPLET_ID, DROPLET_NAME, DROPLET_IP)
        prints "listening on http://127.0.0.1:PORT" once ready; stops on SIGTERM or SIGINT.
        """;

    public static EmulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        var tokens = new List<string>();
        var port = 0;
        string? onActive = null;
        string? keyName = null;
        string? publicKeyFile = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            if (flag is "--help" or "-h")
            {
                return new EmulatorCommandLine(options, port, onActive, ShowHelp: true);
            }

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count)
                {
                    throw new FormatException($"{flag} needs a value");
                }

                return args[++i];
            }

            switch (flag)
            {
                case "--port": port = Int(flag, Value(), 0, 65535); break;
                case "--token": tokens.AddRange(List(Value())); break;
                case "--ip-pool": options = Copy(options, publicIpPool: List(Value())); break;
                case "--boot-delay": options = Copy(options, bootDelay: Duration(flag, Value())); break;
                case "--action-delay": options = Copy(options, actionDelay: Duration(flag, Value())); break;
                case "--fail-429-every": options = Copy(options, fail429: Int(flag, Value(), 0, int.MaxValue)); break;
                case "--error-rate": options = Copy(options, errorRate: Probability(flag, Value())); break;
                case "--seed": options = Copy(options, seed: Int(flag, Value(), int.MinValue, int.MaxValue)); break;
                case "--lose-create": options = Copy(options, loseCreate: new HashSet<string>(List(Value()), StringComparer.Ordinal)); break;
                case "--list-lag": options = Copy(options, listLag: Duration(flag, Value())); break;
                case "--delete-lag": options = Copy(options, deleteLag: Duration(flag, Value())); break;
                case "--page-size-cap": options = Copy(options, maxPageSize: Int(flag, Value(), 1, int.MaxValue)); break;
                case "--droplet-limit": options = Copy(options, dropletLimit: Int(flag, Value(), 0, int.MaxValue)); break;
                case "--burst-limit": options = Copy(options, burst: Int(flag, Value(), 1, int.MaxValue)); break;
                case "--hourly-limit": options = Copy(options, hourly: Int(flag, Value(), 1, int.MaxValue)); break;
                case "--response-delay": options = Copy(options, responseDelay: Duration(flag, Value())); break;
                case "--state-file": options = Copy(options, stateFile: Value()); break;
                case "--ssh-key-name": keyName = Value(); break;
                case "--ssh-public-key": publicKeyFile = Value(); break;
                case "--account-status": options = Copy(options, accountStatus: AccountStatus(flag, Value())); break;
                case "--on-active-command": onActive = Value(); break;
                default: throw new FormatException($"unknown option '{args[i]}'");
            }
        }

        if (tokens.Count > 0)
        {
            options = Copy(options, tokens: tokens);
        }

        if (publicKeyFile is not null)
        {
            var key = EmulatorSshKey.FromPublicKey(options.SshKeys[0].Id, options.SshKeys[0].Name, File.ReadAllText(publicKeyFile));
            options = Copy(options, sshKeys: [key]);
        }

        if (keyName is not null)
        {
            options = Copy(options, sshKeys: [.. options.SshKeys.Select(k => k with { Name = keyName })]);
        }

        return new EmulatorCommandLine(options, port, onActive, ShowHelp: false);
    }

    /// <summary>Parses <c>50ms</c>, <c>3s</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>, or a plain number of seconds.</summary>
    public static TimeSpan Duration(string flag, string text)
    {
        var (number, unit) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ when text.EndsWith('h') => (text[..^1], 3600.0),
            _ => (text, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"{flag}: '{text}' is not a duration such as 50ms, 3s or 2m");
        }

        return TimeSpan.FromSeconds(value * unit);
    }

    private static (string Flag, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static List<string> List(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static int Int(string flag, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"{flag}: '{text}' is not an integer in {min}..{max}");

    private static double Probability(string flag, string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new FormatException($"{flag}: '{text}' is not a probability in 0..1");

    private static EmulatorOptions Copy(
        EmulatorOptions o,
        IReadOnlyList<string>? tokens = null,
        IReadOnlyList<string>? publicIpPool = null,
        TimeSpan? bootDelay = null,
        TimeSpan? actionDelay = null,
        int? fail429 = null,
        double? errorRate = null,
        int? seed = null,
        IReadOnlySet<string>? loseCreate = null,
        TimeSpan? listLag = null,
        TimeSpan? deleteLag = null,
        int? maxPageSize = null,
        int? dropletLimit = null,
        int? burst = null,
        int? hourly = null,
        TimeSpan? responseDelay = null,
        string? stateFile = null,
        IReadOnlyList<EmulatorSshKey>? sshKeys = null,
        string? accountStatus = null) => new()
        {
            Tokens = tokens ?? o.Tokens,
            TimeProvider = o.TimeProvider,
            BootDelay = bootDelay ?? o.BootDelay,
            ActionDelay = actionDelay ?? o.ActionDelay,
            PublicIpPool = publicIpPool ?? o.PublicIpPool,
            Fail429EveryNthRequest = fail429 ?? o.Fail429EveryNthRequest,
            ServerErrorRate = errorRate ?? o.ServerErrorRate,
            Seed = seed ?? o.Seed,
            LoseCreateResponseFor = loseCreate ?? o.LoseCreateResponseFor,
            ListLag = listLag ?? o.ListLag,
            DeleteLag = deleteLag ?? o.DeleteLag,
            MaxPageSize = maxPageSize ?? o.MaxPageSize,
            DropletLimit = dropletLimit ?? o.DropletLimit,
            SshKeys = sshKeys ?? o.SshKeys,
            BurstLimitPerMinute = burst ?? o.BurstLimitPerMinute,
            HourlyLimit = hourly ?? o.HourlyLimit,
            ResponseDelay = responseDelay ?? o.ResponseDelay,
            StateFile = stateFile ?? o.StateFile,
            AccountStatus = accountStatus ?? o.AccountStatus,
            AccountStatusMessage = o.AccountStatusMessage,
        };

    private static string AccountStatus(string flag, string text) =>
        text is "active" or "warning" or "locked"
            ? text
            : throw new FormatException($"{flag}: expected active, warning or locked, got '{text}'");
}
