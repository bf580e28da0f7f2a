import KithCommandLine
import KithControl
import KithCore
import KithNode
import KithStorage
import KithSystem

/// `kith nick NAME`: publishes an "about" entry setting this person's display name.
struct NickCommand: Command {
    static let name = Argument<String>(
        "name", arity: .variadic(minimum: 1), help: "The display name (1 to 64 bytes).")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "nick",
            abstract: "Set the display name others see beside your key's fingerprint.",
            discussion: "Names are not unique: people are told apart by their key fingerprints. "
                + "Without --community the name is set in every community you are in. When a "
                + "node runs in the home, it publishes the name.",
            options: [KithHome.option, LocalNode.communityOption],
            arguments: [name]
        )
    }

    let homeOption: String?
    let communityName: String?
    let displayName: String

    init(arguments: ParsedArguments) throws(UsageError) {
        homeOption = arguments.value(of: KithHome.option)
        communityName = arguments.value(of: LocalNode.communityOption)
        displayName = arguments.values(of: Self.name).joined(separator: " ")
    }

    func run(_ context: CommandContext) throws {
        let about: About
        do {
            about = About(name: try DisplayName(displayName))
        } catch {
            throw CommandFailure("cannot use that name: \(error)", status: .usageError)
        }
        if let response = try ControlQuery.askIfRunning(
            ControlRequest.nick(
                community: ControlQuery.communityID(
                    named: communityName, homeOption: homeOption, context: context),
                about.name),
            homeOption: homeOption, context: context)
        {
            let count = response.communities?.count ?? 0
            context.printLine(
                "you are now \(about.name.name) (set by the running node in \(count) "
                    + "communit\(count == 1 ? "y" : "ies"))")
            return
        }
        let node = try LocalNode.open(
            homeOption: homeOption, communityName: communityName, context: context)
        defer { try? node.store.close() }
        // A display name is per community; without --community it is set in every one.
        let targets =
            communityName == nil
            ? try CommunityBook(home: node.home.path).load() : [node.membership]
        for membership in targets {
            _ = try node.store.publish(
                contentType: .about, content: about.encoded(), in: membership.id, by: node.key,
                timestamp: SystemClock.wallMilliseconds())
        }
        context.printLine(
            "you are now \(about.name.name) (\(node.key.publicKey.fingerprint.short))")
    }
}
