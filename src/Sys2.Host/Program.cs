using Sys2.Host.Cli;

// The verbs (validate, diagram, verify, replay, db, Wolverine's and Marten's codegen, describe, ...) run and
// exit; no verb, or run, starts the product. See Cli/HostCommandLine.cs.
return await HostCommandLine.RunAsync(args);
