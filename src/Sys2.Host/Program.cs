using Sys2.Host;
using Sys2.Host.Cli;

// CLI verbs (validate, diagram, db, verify, replay) run and exit; anything else starts the product.
if (await CliVerbs.TryRunAsync(args) is int exit) return exit;
if (args is ["db", ..]) return await DbCommand.RunAsync(args[1..]);
if (args is [VerifyCommand.Verb, ..]) return await VerifyCommand.RunAsync(args[1..], Console.Out);

var app = await Sys2Application.BuildAsync(args);
await app.RunAsync();
return 0;
