using Stagecraft.Cli.Commands;
using Stagecraft.Cli.Composition;

using var interrupt = new InterruptHandler(Console.Error);
var dependencies = ProductionComposition.Create();
return await StagecraftCli.RunAsync(args, dependencies, Console.Out, Console.Error, interrupt.Token).ConfigureAwait(false);
