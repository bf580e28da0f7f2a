import KithCore

extension ChatSession {
    /// A line typed: a post to the current channel, or a command. A `/community leave` of the
    /// current community waits for the very next line to repeat it; any other line cancels it.
    mutating func typed(_ line: String) -> [ChatAction] {
        let awaitingLeave = leaveToConfirm
        leaveToConfirm = nil
        switch ChatInput.parse(line) {
        case .empty:
            return []
        case .message(let text):
            return post(text)
        case .invalid(let explanation):
            return [error(explanation)]
        case .command(.community(.leave(let name))):
            return leave(name, confirmed: awaitingLeave)
        case .command(let command):
            return run(command)
        }
    }

    /// Posts `text` to the current channel, or sends it privately to the person of the
    /// private conversation open (``query``).
    func post(_ text: String) -> [ChatAction] {
        guard isInCurrentCommunity else { return [notInCommunity()] }
        if let query {
            return [.perform(.sendPrivate(community.id, recipient: query, text: text), .send)]
        }
        return [.perform(.post(community.id, channel, text: text), .send)]
    }

    /// What `/me ACTION` posts: `* ACTION`.
    static func actionText(_ action: String) -> String { "* " + action }

    /// Carries out a command.
    mutating func run(_ command: SlashCommand) -> [ChatAction] {
        switch command {
        case .help(let name):
            guard let name else {
                return [notice("commands:")]
                    + SlashCommandName.allCases.map { notice("  " + $0.helpLine) }
                    + Self.keyHelp.map { notice($0) }
            }
            return [notice(name.helpLine)]
        case .nick(let name):
            return [.perform(.setName(name), .send)]
        case .join(let name):
            return join(name)
        case .part(let name):
            return part(name ?? channel)
        case .channels:
            return [.perform(.channels(community.id), .channels)]
        case .topic(nil):
            return [.perform(.channels(community.id), .showTopic(channel))]
        case .topic(let text?):
            return [.perform(.setTopic(community.id, channel, text: text), .send)]
        case .who:
            return [
                .perform(.people(community.id, .online), .who),
                .perform(.people(community.id, .recentlyActive), .whoRecent),
            ]
        case .whois(let person):
            return withPerson(person) { [.perform(.people(community.id, .person($0)), .whois($0))] }
        case .me(let action):
            return post(Self.actionText(action))
        case .msg(let person, let text):
            return withPerson(person) {
                [.perform(.sendPrivate(community.id, recipient: $0, text: text), .send)]
            }
        case .query(let person?):
            return withPerson(person) { openQuery(with: $0) }
        case .query(nil), .close:
            return closeQuery()
        case .away(let reason?):
            return goAway(reason)
        case .away(nil), .back:
            return comeBack()
        case .next:
            return nextActivity()
        case .history(let count):
            return [.perform(.history(community.id, channel, limit: count), .history(channel))]
        case .block(let person, let refuse):
            return withPerson(person) { key in
                guard key != configuration.ownKey else {
                    return [error("you cannot block yourself")]
                }
                return refuse
                    ? [.perform(.block(key), .block(key, blocking: true))]
                    : [.perform(.hide(key), .hide(key))]
            }
        case .unblock(let person):
            return withPerson(person) {
                [.perform(.unblock($0), .block($0, blocking: false))]
            }
        case .community(let action):
            return communityCommand(action)
        case .peers:
            return [.perform(.peers, .peers)]
        case .status:
            return [.showNodeEvents, .perform(.peers, .peers)]
        case .quit(let message):
            // A parting message goes to the channel, even from a private conversation.
            guard let message, isInCurrentCommunity else { return [.quit] }
            return [.perform(.post(community.id, channel, text: message), .send), .quit]
        }
    }

    /// Runs `body` with the person `query` names, or explains why nobody matches.
    func withPerson(
        _ query: String, _ body: (PublicKey) -> [ChatAction]
    ) -> [ChatAction] {
        switch resolve(query) {
        case .success(let key): return body(key)
        case .failure(let mistake): return [error(mistake.explanation)]
        }
    }

    private mutating func join(_ name: ChannelName) -> [ChatAction] {
        var channels = joinedChannels
        if !channels.contains(name) { channels.append(name) }
        joined[community.id] = channels
        channel = name
        query = nil
        unread[name] = nil
        activity.clear(currentPlace)
        var actions: [ChatAction] = [.setPrompt(prompt)]
        if configuration.historyOnJoin > 0 {
            actions += joinActions(name)
        } else {
            actions += [
                notice("now in \(name)"), .perform(.channels(community.id), .joinTopic(name)),
            ]
        }
        return actions
    }

    private mutating func part(_ name: ChannelName) -> [ChatAction] {
        var channels = joinedChannels
        guard channels.contains(name) else { return [error("you are not in \(name)")] }
        channels.removeAll { $0 == name }
        var rejoinedGeneral = false
        if channels.isEmpty, let general = try? ChannelName("general") {
            guard name != general else {
                return [error("\(general) is your last channel; /join another one first")]
            }
            channels = [general]
            rejoinedGeneral = true
        }
        joined[community.id] = channels
        var actions = [notice("left \(name)")]
        if channel == name, let next = channels.last {
            channel = next
            actions += [
                .setPrompt(prompt),
                notice(
                    rejoinedGeneral
                        ? "it was your last channel: back in \(next), joined again"
                        : "now in \(next)"),
            ]
        }
        return actions
    }

}
