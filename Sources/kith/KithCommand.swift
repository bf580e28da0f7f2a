import KithCommandLine

/// The root of the `kith` command tree: holds the shared options and the subcommands.
enum KithCommand: CommandGroup {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "kith",
            abstract: "A serverless messenger for the local network.",
            version: KithVersion.current,
            options: [KithHome.option],
            subcommands: [
                IdentityCommand.self,
                PostCommand.self,
                NickCommand.self,
                HistoryCommand.self,
                CommunityCommand.self,
                NodeCommand.self,
                ChatCommand.self,
                StatusCommand.self,
                PeersCommand.self,
                TailCommand.self,
                CompletionsCommand<KithCommand>.self,
                ManualCommand<KithCommand>.self,
                    // A nested group (e.g. `kith community join CODE`) is a `CommandGroup` whose
                    // configuration lists its own subcommands.
            ]
        )
    }
}
