// Prints one line and exits: the start-up cost of a native .NET program with no work of its own.
System.Console.WriteLine("ready");
