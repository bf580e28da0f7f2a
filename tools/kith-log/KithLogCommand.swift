import KithCommandLine

/// The root of the `kith-log` command tree: the shared options that choose the log, and the
/// subcommands.
enum KithLogCommand: CommandGroup {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "kith-log",
            abstract: "Inspect a Kith log, check its index, trace an entry, repair damage.",
            discussion:
                "Reads the log of a Kith home (--home, $KITH_HOME, the XDG default) or the log "
                + "directory given with --log. Every command but salvage takes no lock and "
                + "writes nothing, so it can run while a node is writing to the log; salvage "
                + "replaces a damaged log of a stopped node with its sound records and keeps "
                + "the damaged one. Communities are shown by the name the home gives them, "
                + "entries by a short id that show and trace take.",
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
