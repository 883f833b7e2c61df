using System.Runtime.InteropServices;
using Stagecraft.DoEmulator;
using Stagecraft.DoEmulator.Cli;

EmulatorCommandLine commandLine;
try
{
    commandLine = EmulatorCommandLineParser.Parse(args);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"Stagecraft.DoEmulator: {e.Message}");
    await Console.Error.WriteLineAsync(EmulatorCommandLineParser.Usage);
    return 2;
}

if (commandLine.ShowHelp)
{
    await Console.Out.WriteLineAsync(EmulatorCommandLineParser.Usage);
    return 0;
}

var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopped.TrySetResult();
}

using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

await using var server = await DoEmulatorServer.StartAsync(commandLine.Options, commandLine.Port);
if (commandLine.OnActiveCommand is { } command)
{
    var runner = new OnActiveCommandRunner(command, Console.Error);
    server.DropletBecameActive += runner.Run;
}

await Console.Out.WriteLineAsync($"listening on {server.BaseUrl.ToString().TrimEnd('/')}");
await Console.Out.FlushAsync();
await stopped.Task;
return 0;
