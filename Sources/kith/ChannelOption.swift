import KithCommandLine
import KithCore

extension OptionWithDefault<String> {
    /// `--channel NAME` (`-c`), by default `general`: the channel a command posts to, shows or
    /// starts in. `help` says which.
    static func channel(help: String) -> OptionWithDefault<String> {
        OptionWithDefault(
            "channel", short: "c", valueName: "NAME", defaultValue: ChannelName.general.name,
            help: help)
    }
}
