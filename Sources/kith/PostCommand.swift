import KithCommandLine
import KithControl
import KithCore
import KithNode
import KithStorage

/// `kith post [--channel NAME] TEXT`: signs a post and returns once it is on disk.
struct PostCommand: Command {
    static let channel = OptionWithDefault.channel(
        help: "The channel to post to (with or without a leading #).")
    static let json = Flag("json", help: "Print the new entry as one JSON line.")
    static let text = Argument<String>(
        "text", arity: .variadic(minimum: 1), help: "The message; words are joined by spaces.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "post",
            abstract: "Post a message to a channel.",
            discussion: "The message is signed with this node's key, appended to the log and "
                + "synced to disk before the command returns. When a node runs in the home, "
                + "it posts (and sends the post to its peers at once).",
            options: [KithHome.option, LocalNode.communityOption, channel, json],
            arguments: [text]
        )
    }

    let homeOption: String?
    let communityName: String?
    let channelName: String
    let message: String
    let printsJSON: Bool

    init(arguments: ParsedArguments) throws(UsageError) {
        homeOption = arguments.value(of: KithHome.option)
        communityName = arguments.value(of: LocalNode.communityOption)
        channelName = arguments.value(of: Self.channel)
        message = arguments.values(of: Self.text).joined(separator: " ")
        printsJSON = arguments.isSet(Self.json)
    }

    func run(_ context: CommandContext) throws {
        let post: Post
        do {
            post = try Post(channel: try ChannelName(userInput: channelName), text: message)
        } catch {
            throw CommandFailure("cannot post: \(error)", status: .usageError)
        }
        if let response = try ControlQuery.askIfRunning(
            ControlRequest.post(
                community: ControlQuery.communityID(
                    named: communityName, homeOption: homeOption, context: context),
                post),
            homeOption: homeOption, context: context)
        {
            guard let delivered = response.entry?.delivered else {
                throw CommandFailure("the node's answer holds no valid entry")
            }
            report(delivered.entry, channel: post.channel, context: context)
            return
        }
        let node = try LocalNode.open(
            homeOption: homeOption, communityName: communityName, context: context)
        let entry = try node.publish(.post, content: post.encoded())
        try node.store.close()
        report(entry, channel: post.channel, context: context)
    }

    private func report(_ entry: Entry, channel: ChannelName, context: CommandContext) {
        if printsJSON {
            context.printJSONLine(EntryJSON.object(for: entry))
        } else {
            context.printLine("posted #\(entry.sequence) to \(channel): \(entry.id.hex)")
        }
    }
}
