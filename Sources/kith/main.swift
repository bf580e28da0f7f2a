import KithCommandLine

// Parses the command line, runs the selected command and exits with its status
// (0 ok, 1 runtime error, 2 usage error).
await CommandRunner(toolName: "kith", root: KithCommand.self).main()
