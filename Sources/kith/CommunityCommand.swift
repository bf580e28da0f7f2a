import KithCommandLine
import KithControl
import KithCore
import KithMesh
import KithNode
import KithStorage

/// `kith community`: create, join, list, leave communities and share their invite codes.
enum CommunityCommand: CommandGroup {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "community",
            abstract: "Create, join, list and leave communities.",
            discussion: "A community is a 32-byte secret key: whoever holds it is in, and nobody "
                + "else can discover its members, connect, read or inject anything. Its invite "
                + "code carries the key: share it only with people you want in.",
            subcommands: [
                CommunityCreateCommand.self, CommunityJoinCommand.self, CommunityListCommand.self,
                CommunityInviteCommand.self, CommunityLeaveCommand.self,
            ],
            defaultSubcommand: CommunityListCommand.self
        )
    }

    /// The communities of the node whose home the options name.
    static func book(homeOption: String?, context: CommandContext) throws -> CommunityBook {
        let home = try KithHome.prepare(optionValue: homeOption, environment: context.environment)
        return CommunityBook(home: home.path)
    }

    /// Asks the node running in the home, if one runs, to follow its community book now
    /// (`communities_reload`, Protocol/control.md); `done` says what it did, for the person. A
    /// node that cannot be asked is reported, not fatal: the book is already saved.
    static func tellRunningNode(homeOption: String?, context: CommandContext, done: String) {
        do {
            let response = try ControlQuery.askIfRunning(
                .communitiesReload, homeOption: homeOption,
                context: context)
            if response != nil { context.note(done) }
        } catch {
            context.note(
                "saved, but the node running in this home did not follow: \(error); "
                    + "restarting it applies the change")
        }
    }
}

/// `kith community create NAME`: a new community with a fresh random key.
struct CommunityCreateCommand: Command {
    static let name = Argument<String>("name", help: "What people call it (1 to 32 bytes).")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "create",
            abstract: "Create a community with a new secret key and print its invite code.",
            options: [KithHome.option], arguments: [name])
    }

    let homeOption: String?
    let communityName: String

    init(arguments: ParsedArguments) throws(UsageError) {
        homeOption = arguments.value(of: KithHome.option)
        communityName = arguments.value(of: Self.name) ?? ""
    }

    func run(_ context: CommandContext) throws {
        let membership = CommunityMembership(name: communityName, key: CommunityKey.generate())
        let invite = try InviteCode(communityKey: membership.key, name: membership.name)
        try CommunityCommand.book(homeOption: homeOption, context: context).join(membership)
        context.note("created '\(communityName)'; anyone with this invite code can join it:")
        context.printLine(invite.text)
        CommunityCommand.tellRunningNode(
            homeOption: homeOption, context: context,
            done: "the node running in this home is in '\(communityName)' now")
    }
}

/// `kith community join CODE`.
struct CommunityJoinCommand: Command {
    static let code = Argument<String>("code", help: "The invite code (kith1...).")
    static let name = Option<String>(
        "as", valueName: "NAME", help: "Call it NAME here instead of the name in the code.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "join", abstract: "Join a community from its invite code.",
            options: [KithHome.option, name], arguments: [code])
    }

    let homeOption: String?
    let text: String
    let localName: String?

    init(arguments: ParsedArguments) throws(UsageError) {
        homeOption = arguments.value(of: KithHome.option)
        text = arguments.value(of: Self.code) ?? ""
        localName = arguments.value(of: Self.name)
    }

    func run(_ context: CommandContext) throws {
        let invite: InviteCode
        do {
            invite = try InviteCode(parsing: text)
        } catch {
            throw CommandFailure("that invite code is not valid: \(error)", status: .usageError)
        }
        let name = localName ?? invite.name
        try CommunityCommand.book(homeOption: homeOption, context: context).join(
            CommunityMembership(name: name, key: invite.communityKey))
        context.printLine("joined '\(name)' (\(invite.communityKey.id.hex.prefix(16)))")
        CommunityCommand.tellRunningNode(
            homeOption: homeOption, context: context,
            done: "the node running in this home is in '\(name)' now")
    }
}

/// `kith community list`.
struct CommunityListCommand: Command {
    static let json = Flag("json", help: "One JSON object per community (without keys).")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "list", abstract: "List the communities this node is in.",
            options: [KithHome.option, json])
    }

    let homeOption: String?
    let printsJSON: Bool

    init(arguments: ParsedArguments) throws(UsageError) {
        homeOption = arguments.value(of: KithHome.option)
        printsJSON = arguments.isSet(Self.json)
    }

    func run(_ context: CommandContext) throws {
        let list = try CommunityCommand.book(homeOption: homeOption, context: context).load()
        if list.isEmpty { context.note("you are in no community; create or join one") }
        for membership in list {
            let isDefault = membership.key == DefaultCommunity.key
            if printsJSON {
                context.printJSONLine([
                    "name": .string(membership.name), "id": .string(membership.id.hex),
                    "default": .bool(isDefault),
                ])
            } else {
                context.printLine(
                    "\(membership.name)  \(membership.id.hex.prefix(16))"
                        + (isDefault ? "  (the default community; its key is public)" : ""))
            }
        }
    }
}

/// `kith community invite NAME`: prints the invite code again.
struct CommunityInviteCommand: Command {
    static let name = Argument<String>(
        "name", help: "The community's name in `kith community list`.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "invite",
            abstract: "Print a community's invite code (it carries the secret key).",
            options: [KithHome.option], arguments: [name])
    }

    let homeOption: String?
    let communityName: String

    init(arguments: ParsedArguments) throws(UsageError) {
        homeOption = arguments.value(of: KithHome.option)
        communityName = arguments.value(of: Self.name) ?? ""
    }

    func run(_ context: CommandContext) throws {
        let membership = try CommunityCommand.book(homeOption: homeOption, context: context)
            .membership(named: communityName)
        context.printLine(try InviteCode(communityKey: membership.key, name: membership.name).text)
    }
}

/// `kith community leave NAME`.
struct CommunityLeaveCommand: Command {
    static let name = Argument<String>(
        "name", help: "The community's name in `kith community list`.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "leave",
            abstract:
                "Leave a community: stop replicating it (entries already held stay in the log).",
            options: [KithHome.option], arguments: [name])
    }

    let homeOption: String?
    let communityName: String

    init(arguments: ParsedArguments) throws(UsageError) {
        homeOption = arguments.value(of: KithHome.option)
        communityName = arguments.value(of: Self.name) ?? ""
    }

    func run(_ context: CommandContext) throws {
        try CommunityCommand.book(homeOption: homeOption, context: context).leave(
            named: communityName)
        context.printLine("left '\(communityName)'")
        CommunityCommand.tellRunningNode(
            homeOption: homeOption, context: context,
            done: "the node running in this home stopped replicating '\(communityName)'")
    }
}
