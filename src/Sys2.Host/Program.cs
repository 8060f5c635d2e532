if (args is ["db", ..]) return await Sys2.Host.Cli.DbCommand.RunAsync(args[1..]);
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Sys2");
app.Run();
return 0;
