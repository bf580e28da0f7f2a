import KithCommandLine

/// The root of the `kith-log` command tree: the shared options that choose the log, and the
/// subcommands.
enum KithLogCommand: CommandGroup {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "kith-log",
            abstract: "Inspect a Kith log without changing it.",
            discussion:
                "Reads the log of a Kith home (--home, $KITH_HOME, the XDG default) or the log "
                + "directory given with --log. It takes no lock and writes nothing, so it can run "
                + "while a node is writing to the log.",
            version: KithVersion.current,
            options: [KithHome.option, LogLocation.logOption],
            subcommands: [
                DumpCommand.self,
                VerifyCommand.self,
                StatsCommand.self,
                ShowCommand.self,
                CheckIndexCommand.self,
                SalvageCommand.self,
                TraceCommand.self,
                FollowCommand.self,
                CompletionsCommand<KithLogCommand>.self,
                ManualCommand<KithLogCommand>.self,
            ]
        )
    }
}
