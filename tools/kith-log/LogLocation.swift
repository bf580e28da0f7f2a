import KithCommandLine
import KithStorage
import KithSystem

/// Which log directory the tool reads: `--log PATH`, else `<home>/log` with the home chosen as
/// `kith` chooses it (`--home`, `KITH_HOME`, `$XDG_DATA_HOME/kith`, `~/.local/share/kith`).
///
/// Nothing is created: a missing directory is an error, since there is no log to read.
struct LogLocation: Sendable, Equatable {
    /// The shared `--log PATH` option.
    static let logOption = Option<String>(
        "log",
        valueName: "PATH",
        help: "Read the log directory PATH (holding the .kseg segment files) instead of DIR/log of "
            + "the Kith home."
    )

    /// The log directory.
    let directory: String
    /// The Kith home the log belongs to, unless the log was given with `--log`.
    var home: String? = nil

    /// The `--home` and `--log` values a command was given.
    struct Choice: Sendable, Equatable {
        /// The `--home` value, if given.
        var homeOption: String?
        /// The `--log` value, if given.
        var logOption: String?

        /// Reads both options; giving both is a usage error.
        init(arguments: ParsedArguments) throws(UsageError) {
            homeOption = arguments.value(of: KithHome.option)
            logOption = arguments.value(of: LogLocation.logOption)
            if homeOption != nil, logOption != nil {
                throw UsageError("give either --home or --log, not both")
            }
            if logOption == "" { throw UsageError("--log needs a directory") }
        }
    }

    /// Picks the log directory (pure: no file is touched).
    static func resolve(_ choice: Choice, environment: [String: String]) throws(KithHomeError)
        -> LogLocation
    {
        if let path = choice.logOption {
            var trimmed = Substring(path)
            while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            return LogLocation(directory: String(trimmed))
        }
        let home = try KithHome.resolve(optionValue: choice.homeOption, environment: environment)
        return LogLocation(directory: EntryStore.logDirectory(in: home.path), home: home.path)
    }

    /// A reader of the log of `home` (no lock is taken).
    static func reader(home: String) throws(KithLogError) -> LogReader {
        try openReader(directory: EntryStore.logDirectory(in: home))
    }

    /// The chosen home and a reader of its log (no lock is taken), for commands that need more of
    /// the home than the log; `--log` alone is a usage error for them.
    static func openHome(_ choice: Choice, context: CommandContext, command: String) throws
        -> (home: String, reader: LogReader)
    {
        let location = try resolve(choice, environment: context.environment)
        guard let home = location.home else {
            throw UsageError("\(command) needs the home (--home DIR), not only its log")
        }
        return (home, try openReader(directory: location.directory))
    }

    /// The community names of the chosen home (only the default community's with `--log`).
    static func communityNames(_ choice: Choice, context: CommandContext) -> CommunityNames {
        let home = try? resolve(choice, environment: context.environment).home
        return CommunityNames.load(home: home ?? nil, context: context)
    }

    /// Resolves the log directory and opens a reader on it (no lock is taken).
    static func openReader(_ choice: Choice, context: CommandContext) throws -> LogReader {
        try openReader(directory: resolve(choice, environment: context.environment).directory)
    }

    /// A reader of the log in `directory`, which must exist (no lock is taken).
    private static func openReader(directory: String) throws(KithLogError) -> LogReader {
        guard FileSystem.isDirectory(directory) else { throw .noLog(directory) }
        do {
            return try LogReader(directory: directory)
        } catch {
            throw .log(error)
        }
    }
}
