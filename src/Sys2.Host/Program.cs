using Sys2.Host.Cli;

if (await CliVerbs.TryRunAsync(args) is int exit) return exit;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Sys2");
app.Run();
return 0;
