import KithCommandLine
import KithControl
import KithCore
import KithNode
import KithStorage

/// `kith history [--channel NAME] [--limit N]`: the latest posts of a channel, oldest first.
struct HistoryCommand: Command {
    static let channel = OptionWithDefault.channel(help: "The channel to show.")
    static let limit = OptionWithDefault<Int>(
        "limit", short: "n", valueName: "N", defaultValue: 50, help: "Show the latest N posts.")
    static let json = Flag("json", help: "Print one JSON object per entry, every field included.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "history",
            abstract:
                "Show the latest posts of a channel (from the running node, or the local log).",
            options: [KithHome.option, LocalNode.communityOption, channel, limit, json]
        )
    }

    let homeOption: String?
    let communityName: String?
    let channelName: String
    let count: Int
    let printsJSON: Bool

    init(arguments: ParsedArguments) throws(UsageError) {
        homeOption = arguments.value(of: KithHome.option)
        communityName = arguments.value(of: LocalNode.communityOption)
        channelName = arguments.value(of: Self.channel)
        count = arguments.value(of: Self.limit)
        printsJSON = arguments.isSet(Self.json)
        guard count > 0 else { throw UsageError("--limit must be at least 1") }
    }

    func run(_ context: CommandContext) throws {
        let channel: ChannelName
        do {
            channel = try ChannelName(userInput: channelName)
        } catch {
            throw CommandFailure("bad channel name: \(error)", status: .usageError)
        }
        // A node running in the home holds the log's lock: ask it. Otherwise read the log.
        if let response = try ControlQuery.askIfRunning(
            ControlRequest.history(
                community: ControlQuery.communityID(
                    named: communityName, homeOption: homeOption, context: context),
                channel: channel, limit: min(count, ControlRequest.historyLimit.allowed.upperBound)),
            homeOption: homeOption, context: context)
        {
            let posts = (response.entries ?? []).map(\.delivered)
            show(posts.map { ($0.entry, $0.authorName, $0.isOwn) }, channel: channel, context)
            return
        }
        let node = try LocalNode.open(
            homeOption: homeOption, communityName: communityName, context: context)
        defer { try? node.store.close() }
        let posts = try node.store.recentPosts(
            in: ChannelKey(community: node.community, channel: channel), limit: count)
        show(
            posts.map {
                ($0, node.store.displayName(of: $0.chain)?.name, $0.author == node.key.publicKey)
            }, channel: channel, context)
    }

    private func show(
        _ posts: [(entry: Entry, authorName: String?, isOwn: Bool)], channel: ChannelName,
        _ context: CommandContext
    ) {
        if posts.isEmpty && !printsJSON {
            context.note("no posts in \(channel) yet")
        }
        for post in posts.sorted(by: { EntryDisplayOrder($0.entry) < EntryDisplayOrder($1.entry) })
        {
            if printsJSON {
                context.printJSONLine(EntryJSON.object(for: post.entry))
            } else {
                context.printLine(
                    PostLine.format(post.entry, authorName: post.authorName, isOwn: post.isOwn))
            }
        }
    }
}
