Console.WriteLine("stand-ins");
