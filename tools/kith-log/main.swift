import KithCommandLine

// kith-log: a read-only inspector for a Kith log (dump, verify, stats, show, follow).
// It never takes the writer lock and never changes a file, so it is safe beside a running node.
// Exit status: 0 ok, 1 error (or a log that is not sound), 2 usage error.
await CommandRunner(toolName: "kith-log", root: KithLogCommand.self).main()
