Console.WriteLine("Sys2 benchmark: not written yet.");
