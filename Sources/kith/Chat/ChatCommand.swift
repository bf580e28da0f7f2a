import Foundation
import KithChat
import KithCommandLine
import KithCore
import KithMesh
import KithNode
import KithStorage
import KithSystem

/// `kith chat`: the chat client. It talks to the node running in the home over its control
/// socket; when none runs it starts one inside itself (same options as `kith node`), so a
/// newcomer needs one command. On a terminal it is an interactive chat with an input line;
/// otherwise it posts each line read (lines starting with `/` are commands) and prints each
/// arriving message as one line, or as JSON with `--json`.
struct ChatCommand: Command {
    static let channel = OptionWithDefault.channel(
        help: "The channel to start in (with or without a leading #).")
    static let json = Flag(
        "json", help: "Print each entry as one JSON object with every field (scripts, bots).")
    static let wait = OptionWithDefault<Int>(
        "wait", valueName: "SECONDS", defaultValue: 10,
        help: "With input not a terminal: at its end, wait at most this long for a peer to hold "
            + "what was posted (0: do not wait).")
    static let history = Option<Int>(
        "history", valueName: "N",
        help: "Show the last N messages on joining a channel (default 20 on a terminal, else 0).")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "chat",
            abstract: "Chat on the LAN: an input line on a terminal, lines and JSON for scripts.",
            discussion: "Uses the node running in the home (`kith node` or a service); starts "
                + "one inside this process when none runs. Type /help in the chat for its "
                + "commands. With standard input not a terminal, each line read is posted (or "
                + "run, when it starts with /) and each message is printed as "
                + "`HH:MM #channel name (fingerprint): text`, or as JSON with --json. On a "
                + "terminal the chat reads its settings from <home>/chat.conf, `key = value` "
                + "lines (# starts a comment line): `autojoin = community/#channel, ...` joins "
                + "those channels at start and opens in the first unless --community or "
                + "--channel is given; `bell = on|off` rings on a mention or a private message; "
                + "`timestamps = HH:MM|off` shows the time before each message. A bad line is "
                + "reported with the file and line and skipped.",
            options: [KithHome.option, LocalNode.communityOption, channel, json, history, wait]
                + NodeOptions.all
        )
    }

    let homeOption: String?
    let communityName: String?
    let channelName: String
    /// Whether `--channel` was given (else `chat.conf`'s autojoin may choose).
    let channelGiven: Bool
    let usesJSON: Bool
    let historyCount: Int?
    let waitSeconds: Int
    let options: NodeOptions

    init(arguments: ParsedArguments) throws(UsageError) {
        homeOption = arguments.value(of: KithHome.option)
        communityName = arguments.value(of: LocalNode.communityOption)
        channelName = arguments.value(of: Self.channel)
        channelGiven = !arguments.values(of: Self.channel).isEmpty
        usesJSON = arguments.isSet(Self.json)
        historyCount = arguments.value(of: Self.history)
        waitSeconds = arguments.value(of: Self.wait)
        guard (0...3_600).contains(waitSeconds) else {
            throw UsageError("--wait must be 0 to 3600 seconds")
        }
        options = try NodeOptions(arguments: arguments)
        if let historyCount, !(0...SlashCommand.historyLimit).contains(historyCount) {
            throw UsageError("--history must be 0 to \(SlashCommand.historyLimit)")
        }
    }

    func run(_ context: CommandContext) async throws {
        let channel: ChannelName
        do {
            channel = try ChannelName(userInput: channelName)
        } catch {
            throw CommandFailure("bad channel name: \(error)", status: .usageError)
        }
        let home = try KithHome.prepare(optionValue: homeOption, environment: context.environment)
        let book = CommunityBook(home: home.path)
        let memberships = try book.load()
        let chosen = try communityName.map { try book.membership(named: $0) } ?? memberships.first
        guard let community = chosen else {
            throw CommandFailure("you are in no community: `kith community join CODE` first")
        }
        let isTerminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && !usesJSON
        let waiter = try InputWaiter()
        let mailbox = ChatMailbox(waiter: waiter)
        let socketPath = home.file(NodeLauncher.controlSocketName)
        let connect = { [options] in
            try ChatNodeConnection.connect(
                socketPath: socketPath, options: options, homeOption: home.path, context: context,
                events: { line, isNotable in
                    if isTerminal {
                        mailbox.push(.nodeEvent(line, isNotable: isNotable))
                    } else {
                        context.note(line)
                    }
                })
        }
        let node = try connect()
        let follower = ChatNodeFollower(connection: node, connect: connect)
        let signals = mailbox.trap(signals: [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGCONT])
        defer { signals.cancel() }

        let session = ChatSession(
            configuration: ChatSessionConfiguration(
                ownKey: node.key,
                communities: try ChatCommunityBook.chatCommunities(memberships),
                community: community.id, channel: channel,
                historyOnJoin: historyCount ?? (isTerminal ? 20 : 0),
                style: ChatStyle(
                    usesColor: isTerminal && !context.terminal.colorDisabledByEnvironment),
                timeLabel: { timestamp in
                    TimeFormatting.localClockTime(
                        millisecondsSinceEpoch: timestamp,
                        offsetSeconds: TimeFormatting.localOffsetSeconds(at: timestamp))
                },
                dateTimeLabel: { timestamp in
                    TimeFormatting.localDateTime(
                        millisecondsSinceEpoch: timestamp,
                        offsetSeconds: TimeFormatting.localOffsetSeconds(at: timestamp))
                }, isInteractive: isTerminal,
                dayLabel: isTerminal ? Self.localDay : nil,
                settings: isTerminal ? Self.settings(in: home) : ChatSettings(),
                startsAtAutojoin: communityName == nil && !channelGiven))
        let ending: ChatLoop.Ending
        var unreached: [CommunityID] = []
        var errorCount = 0
        if isTerminal {
            ending = try runOnTerminal(
                session: session, book: book, follower: follower, mailbox: mailbox,
                waiter: waiter, context: context)
        } else {
            let loop = ChatLoop(
                session: session,
                link: ChatNodeLink(
                    communityBook: ChatCommunityBook(book: book, socketPath: socketPath)),
                screen: PlainChatScreen(
                    output: context.standardOutput, errors: context.standardError,
                    usesJSON: usesJSON),
                mailbox: mailbox, waiter: waiter, editor: nil, follower: follower)
            ending = try loop.run(input: STDIN_FILENO)
            unreached = try loop.waitForPeers(milliseconds: UInt64(waitSeconds) * 1_000)
            errorCount = loop.errorCount
        }
        let failure = await follower.stop()
        if case .nodeLost(let reason) = ending {
            throw CommandFailure("the chat lost its node: \(reason)")
        }
        if let failure { throw CommandFailure("\(failure)") }
        if errorCount > 0 {
            throw CommandFailure(
                errorCount == 1
                    ? "a line of the input failed" : "\(errorCount) lines of the input failed")
        }
        if !unreached.isEmpty, waitSeconds > 0 {
            let names = unreached.map { id in
                memberships.first { $0.id == id }?.name ?? id.hex
            }
            throw CommandFailure(
                "posted locally, no peer reached in \(waitSeconds) s (\(names.joined(separator: ", "))): "
                    + "the posts go out when a peer connects to this home's node",
                status: .notDelivered)
        }
    }

    /// The settings in `<home>/chat.conf` (the defaults when there is none). A file that cannot
    /// be read gives the defaults and a mistake the chat shows.
    private static func settings(in home: KithHome) -> ChatSettings {
        let path = home.file(ChatSettings.fileName)
        guard FileManager.default.fileExists(atPath: path) else { return ChatSettings() }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return ChatSettings(parsing: String(decoding: data, as: UTF8.self), file: path)
        } catch {
            var settings = ChatSettings()
            settings.mistakes = [
                ChatSettingsMistake(
                    file: path, line: 0, reason: .unreadable(error.localizedDescription))
            ]
            return settings
        }
    }

    /// `Friday 4 December 2026`: the local day of `timestamp`, for the chat's day lines.
    @Sendable private static func localDay(_ timestamp: UInt64) -> String {
        TimeFormatting.localDay(
            millisecondsSinceEpoch: timestamp,
            offsetSeconds: TimeFormatting.localOffsetSeconds(at: timestamp))
    }

    /// Runs the chat with the terminal in raw mode, restoring it on every way out: return,
    /// thrown error, `exit`, and the signals the chat does not handle itself.
    private func runOnTerminal(
        session: ChatSession, book: CommunityBook, follower: ChatNodeFollower,
        mailbox: ChatMailbox, waiter: InputWaiter, context: CommandContext
    ) throws -> ChatLoop.Ending {
        let terminal = RawTerminal(descriptor: STDIN_FILENO, bracketedPasteOutput: STDOUT_FILENO)
        RawTerminal.installEmergencyRestore(signals: [SIGQUIT, SIGABRT, SIGSEGV, SIGBUS])
        try terminal.enterRawMode()
        defer { try? terminal.restore() }
        let screen = TerminalChatScreen(
            output: context.standardOutput, descriptor: STDOUT_FILENO, prompt: session.prompt)
        let loop = ChatLoop(
            session: session,
            link: ChatNodeLink(
                communityBook: ChatCommunityBook(
                    book: book, socketPath: follower.connection.socketPath)),
            screen: screen,
            mailbox: mailbox, waiter: waiter, editor: LineEditor(), terminal: terminal,
            follower: follower)
        return try loop.run(input: STDIN_FILENO)
    }
}
