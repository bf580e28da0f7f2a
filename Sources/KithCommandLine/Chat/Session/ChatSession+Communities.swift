import KithCore

/// `/community`: listing, switching, creating, joining and leaving communities, and adopting
/// the node's list when it changes. Whatever changes the current community also changes the
/// prompt in the same actions, so a typed line always goes to the community the prompt shows.
extension ChatSession {
    /// Carries out `/community ACTION` (a leave of the current community is confirmed first:
    /// ``typed(_:)``).
    mutating func communityCommand(_ action: ChatCommunityAction) -> [ChatAction] {
        switch action {
        case .list:
            return [notice("communities (* current):")]
                + communities.map {
                    notice(($0.id == community.id ? "* " : "  ") + shownName($0))
                }
        case .invite(let name):
            guard let name else {
                guard isInCurrentCommunity else { return [notInCommunity()] }
                return inviteLines(community)
            }
            guard let target = findCommunity(name) else {
                return [error("you are in no community called '\(shownName(name))'")]
            }
            return inviteLines(target)
        case .switchTo(let name):
            guard let target = findCommunity(name) else {
                return [
                    error("you are in no community called '\(shownName(name))'; /community list")
                ]
            }
            guard target.id != community.id else {
                return [notice("already in \(shownName(target))")]
            }
            return switchActions(to: target)
        case .create(let name):
            return [.perform(.createCommunity(name: name), .changeCommunities(.created))]
        case .join(let code):
            return [.perform(.joinCommunity(code: code), .changeCommunities(.joined))]
        case .leave(let name):
            return leave(name, confirmed: nil)
        }
    }

    /// `/community leave NAME`: the current community is left only when the line before was
    /// the same request (`confirmed`); the last community is never left from the chat.
    mutating func leave(_ name: String, confirmed: CommunityID?) -> [ChatAction] {
        guard let target = findCommunity(name) else {
            return [error("you are in no community called '\(shownName(name))'; /community list")]
        }
        let others = communities.filter { $0.id != target.id }
        guard let next = others.first else {
            return [
                error(
                    "\(shownName(target)) is your only community; "
                        + "/community create or /community join another one first")
            ]
        }
        if target.id == community.id, confirmed != target.id {
            leaveToConfirm = target.id
            return [
                error(
                    "\(shownName(target)) is the community you are in: type "
                        + "/community leave \(shownName(target)) again to leave it and move to "
                        + "\(shownName(next)); anything else cancels")
            ]
        }
        return [.perform(.leaveCommunity(target.id), .changeCommunities(.left(target.id)))]
    }

    /// The node's answer to a create, join or leave: the list it is in now.
    mutating func changedCommunities(_ change: ChatCommunityChange, _ list: [ChatCommunity])
        -> [ChatAction]
    {
        let before = communities
        var actions: [ChatAction] = []
        let added = list.filter { new in !before.contains { $0.id == new.id } }
        switch change {
        case .created:
            for item in added {
                actions += [
                    notice(
                        "created \(shownName(item)); anyone with this invite code can join it:"),
                    notice("  " + item.inviteCode),
                    notice("/community switch \(shownName(item)) goes there"),
                ]
            }
        case .joined:
            for item in added {
                actions.append(
                    notice(
                        "joined \(shownName(item)); /community switch \(shownName(item)) goes there"
                    ))
            }
        case .left(let id):
            if let item = before.first(where: { $0.id == id }) {
                actions.append(notice("left \(shownName(item)): this node no longer replicates it"))
            }
        }
        return actions + adopt(list, announcing: false)
    }

    /// Takes `list` as the communities the node is in. When `announcing` (the book changed
    /// outside the chat) each community joined or left is told, and a current community left
    /// stays current, marked in the prompt: lines typed there are refused, never sent to
    /// another community, until the person switches. After the chat's own confirmed leave it
    /// moves to the first community left, saying so and changing the prompt.
    mutating func adopt(_ list: [ChatCommunity], announcing: Bool) -> [ChatAction] {
        let before = communities
        communities = list
        var actions: [ChatAction] = []
        if announcing {
            for item in list where !before.contains(where: { $0.id == item.id }) {
                actions.append(
                    notice(
                        "this node joined \(shownName(item)); "
                            + "/community switch \(shownName(item)) goes there"))
            }
            for item in before where !list.contains(where: { $0.id == item.id }) {
                actions.append(notice("this node left \(shownName(item))"))
            }
        }
        guard !isInCurrentCommunity else { return actions }
        if !announcing, let next = list.first {
            return actions + [notice("you are no longer in \(shownName(community))")]
                + switchActions(to: next)
        }
        guard before.contains(where: { $0.id == community.id }) else { return actions }
        let hint =
            list.isEmpty
            ? "/community create NAME or /community join CODE"
            : "/community switch NAME goes to another"
        return actions + [
            error(
                "this node is no longer in \(shownName(community)): lines typed here are not "
                    + "sent; \(hint)"),
            .setPrompt(prompt),
        ]
    }

    /// Makes `target` the current community: its channels, its people, its prompt.
    mutating func switchActions(to target: ChatCommunity) -> [ChatAction] {
        community = target
        query = nil
        forgetPeople()
        unread = [:]
        let channels = joined[target.id] ?? [(try? ChannelName("general")) ?? channel]
        joined[target.id] = channels
        channel = channels.last ?? channel
        activity.clear(currentPlace)
        return [
            notice("now in community \(shownName(target))"), .setPrompt(prompt),
            .perform(.people(target.id, .first), .loadPeople),
        ] + joinActions(channel)
    }

    /// Whether the node is still in the community the chat shows.
    var isInCurrentCommunity: Bool {
        communities.contains { $0.id == community.id }
    }

    /// The invite code of `target`, with a warning about what it gives.
    private func inviteLines(_ target: ChatCommunity) -> [ChatAction] {
        [
            notice("invite code for \(shownName(target)) (anyone holding it can read and write):"),
            notice("  " + target.inviteCode),
        ]
    }

    /// Why a line or command was refused: the community shown was left.
    func notInCommunity() -> ChatAction {
        error(
            "not sent: this node is no longer in \(shownName(community)); "
                + "/community list, /community switch NAME")
    }

    /// The community called `name` (exactly, else ignoring case).
    func findCommunity(_ name: String) -> ChatCommunity? {
        communities.first { $0.name == name }
            ?? communities.first { $0.name.lowercased() == name.lowercased() }
    }

    /// A community's name as the terminal shows it: names come in others' invite codes.
    func shownName(_ item: ChatCommunity) -> String {
        shownName(item.name)
    }

    /// `text` as the terminal shows it.
    func shownName(_ text: String) -> String {
        UntrustedText.replaced(text)
    }
}
