import KithControl
import KithCore

extension ChatSession {
    /// What the node answered, shown as the request's purpose says.
    mutating func replied(_ purpose: ChatPurpose, _ reply: ChatReply) -> [ChatAction] {
        if case .failed(let reason) = reply { return [error(reason)] }
        if case .channels(let list) = reply { listedChannels[community.id] = list.map(\.name) }
        switch (purpose, reply) {
        case (.loadBlocked, .blocked(let keys)):
            blocked = Set(keys)
            return []
        case (.loadPeople, .people(let list, _)):
            learn(list)
            guard !welcomed, configuration.isInteractive else { return [] }
            welcomed = true
            // A newcomer has no name yet: others see `anonymous` until one is set.
            let unnamed = people[configuration.ownKey]?.name == nil
            return [
                notice(
                    "you are \(label(configuration.ownKey)) in \(shownName(community)), \(channel); "
                        + (unnamed ? "others see you as anonymous: /nick NAME sets a name; " : "")
                        + "/help lists commands, Ctrl-D quits")
            ]
        case (.joinHistory(let name), .entries(let entries)):
            return showHistory(
                entries, heading: "\(name): the last messages", empty: "\(name): no messages yet")
        case (.history(let name), .entries(let entries)):
            return showHistory(
                entries, heading: "\(name): the last \(entries.count) messages",
                empty: "\(name): no messages yet")
        case (.inbox, .entries(let entries)):
            return showInbox(entries)
        case (.who, .people(let list, let more)):
            learn(list)
            return who(list, more: more)
        case (.whoRecent, .people(let list, let more)):
            learn(list)
            return whoRecent(list, more: more)
        case (.whois(let key), .people(let list, _)):
            learn(list)
            return whois(key, in: list)
        case (.channels, .channels(let list)):
            return channels(list)
        case (.showTopic(let name), .channels(let list)):
            return topic(of: name, in: list)
        case (.joinTopic(let name), .channels(let list)):
            guard list.contains(where: { $0.name == name && !($0.topic ?? "").isEmpty }) else {
                return []
            }
            return topic(of: name, in: list)
        case (.peers, .peers(let list)):
            return peers(list)
        case (.block(let key, let blocking), .blocked(let keys)):
            blocked = Set(keys)
            let who = label(key)
            return blocking
                ? [
                    notice(
                        "blocked \(who): hidden, and this node no longer stores or relays what "
                            + "they write: people who reach them only through you miss it too")
                ]
                : [notice("unblocked \(who)")]
        case (.hide(let key), .blocked(let keys)):
            blocked = Set(keys)
            let who = label(key)
            return [
                notice(
                    "blocked \(who): hidden here; this node still relays what they write to "
                        + "others (/block --refuse stops that too)")
            ]
        case (.changeCommunities(let change), .communities(let list)):
            return changedCommunities(change, list)
        case (.send, _):
            return []
        default:
            return [error("the node gave an unexpected answer")]
        }
    }

    /// Records the names the node knows.
    private mutating func learn(_ list: [ChatPerson]) {
        for person in list {
            learn(person.key, name: person.displayName, firstTimestamp: person.firstTimestamp)
        }
    }

    private mutating func showHistory(_ entries: [ControlEntry], heading: String, empty: String)
        -> [ChatAction]
    {
        let visible = entries.filter { !blocked.contains($0.entry.author) }
        for item in visible where item.entry.community == community.id {
            learn(item.entry.author, name: item.authorName, firstTimestamp: nil)
        }
        var actions: [ChatAction] = []
        for item in visible {
            _ = shown.insert(item.entry.id)
            guard case .post(let post) = item.entry.decodedContent else { continue }
            actions += dated(
                .show(.entry(item, line: postLine(entry: item.entry, post: post))),
                at: item.entry.timestamp)
            newestShown = max(newestShown, item.entry.timestamp)
        }
        guard !actions.isEmpty else { return [notice(empty)] }
        return [notice(heading + ":")] + actions
    }

    /// The latest private messages, under a heading; nothing when there are none.
    private mutating func showInbox(_ entries: [ControlEntry]) -> [ChatAction] {
        var actions: [ChatAction] = []
        for item in entries where !blocked.contains(item.entry.author) {
            guard let opened = item.privateMessage, shown.insert(item.entry.id) else { continue }
            let line = privateLine(entry: item.entry, opened: opened)
            actions += dated(.show(.entry(item, line: line)), at: item.entry.timestamp)
        }
        guard !actions.isEmpty else { return [] }
        return [notice("your latest private messages:")] + actions
    }

    /// Who is online: the node itself and its sessions (a page of them, which is all of them).
    private func who(_ list: [ChatPerson], more: Int) -> [ChatAction] {
        let online = list.filter { $0.isOnline || $0.key == configuration.ownKey }
        var actions = [
            notice(
                "\(online.count + more) online in \(shownName(community)) "
                    + "(you and the nodes yours talks to):")
        ]
        for person in online {
            let isYou = person.key == configuration.ownKey
            let you = isYou ? " (you)" : ""
            actions.append(
                listed(
                    "  \(label(person.key))\(you)  \(person.key.fingerprint.full)", kind: "person",
                    personFields(person) + [("online", .bool(true)), ("you", .bool(isYou))]))
        }
        if more > 0 { actions.append(notice("  and \(more) more")) }
        return actions
    }

    /// People reached only through other nodes: there is no presence beyond a session, but a
    /// recent entry says they are around. `list` is the first page of them; `more` follow it.
    private func whoRecent(_ list: [ChatPerson], more: Int) -> [ChatAction] {
        let recent = list.filter {
            !$0.isOnline && $0.key != configuration.ownKey && $0.isRecentlyActive
                && !blocked.contains($0.key)
        }
        guard !recent.isEmpty else { return [] }
        var actions = [
            notice(
                "\(recent.count + more) more active in the last 10 minutes, through others:")
        ]
        for person in recent {
            let latest =
                person.lastTimestamp.map { " (latest " + configuration.timeLabel($0) + ")" } ?? ""
            actions.append(
                listed(
                    "  \(label(person.key))  \(person.key.fingerprint.full)\(latest)",
                    kind: "person", personFields(person) + [("online", .bool(false))]))
        }
        if more > 0 { actions.append(notice("  and \(more) more, not listed")) }
        return actions
    }

    private func whois(_ key: PublicKey, in list: [ChatPerson]) -> [ChatAction] {
        let person = list.first { $0.key == key }
        var actions = [
            notice("\(label(key)): fingerprint \(key.fingerprint.full)"),
            notice("  key \(key.hex)"),
        ]
        var facts: [String] = []
        if let person {
            facts.append("\(person.entryCount) entries in \(shownName(community))")
            if let first = person.firstTimestamp {
                facts.append("first \(configuration.dateTimeLabel(first))")
            }
            if let last = person.lastTimestamp {
                facts.append("latest \(configuration.dateTimeLabel(last))")
            }
            facts.append(person.isOnline ? "online now" : "not connected now")
        } else {
            facts.append("no entries in \(shownName(community))")
        }
        if key == configuration.ownKey { facts.append("this is you") }
        if blocked.contains(key) { facts.append("blocked") }
        if directory.reusesEarlierName(key) {
            facts.append("someone seen earlier uses the same name")
        }
        actions.append(notice("  " + facts.joined(separator: ", ")))
        return actions
    }

    private func channels(_ list: [ControlChannel]) -> [ChatAction] {
        guard !list.isEmpty else { return [notice("no channels in \(shownName(community)) yet")] }
        var actions = [notice("channels in \(shownName(community)) (* joined):")]
        for item in list {
            let mark = joinedChannels.contains(item.name) ? "* " : "  "
            var line = "\(mark)\(item.name)  \(item.postCount) posts"
            if let last = item.lastTimestamp {
                line += ", latest \(configuration.dateTimeLabel(last))"
            }
            if let count = unread[item.name], count > 0 { line += ", \(count) new" }
            if let topic = item.topic, !topic.isEmpty {
                line += "  — " + UntrustedText.replaced(topic, keepingLineBreaks: true)
            }
            var fields: [(String, JSONValue)] = [
                ("name", .string(item.name.name)),
                ("joined", .bool(joinedChannels.contains(item.name))),
                ("post_count", .unsigned(item.postCount)),
                ("unread", .int(unread[item.name] ?? 0)),
            ]
            if let last = item.lastTimestamp { fields.append(("last_timestamp", .unsigned(last))) }
            if let topic = item.topic, !topic.isEmpty { fields.append(("topic", .string(topic))) }
            actions.append(listed(line, kind: "channel", fields))
        }
        return actions
    }

    /// What a person's JSON record holds whatever the list: key, fingerprint, name, latest.
    private func personFields(_ person: ChatPerson) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [
            ("public_key", .string(person.key.hex)),
            ("fingerprint", .string(person.key.fingerprint.full)),
        ]
        if let name = people[person.key]?.name ?? person.displayName {
            fields.append(("name", .string(name)))
        }
        if let latest = person.lastTimestamp {
            fields.append(("last_timestamp", .unsigned(latest)))
        }
        return fields
    }

    private func topic(of name: ChannelName, in list: [ControlChannel]) -> [ChatAction] {
        guard let item = list.first(where: { $0.name == name }), let topic = item.topic,
            !topic.isEmpty
        else { return [notice("\(name) has no topic; /topic TEXT sets one")] }
        let setter = item.topicAuthor.map { " (set by \(label($0)))" } ?? ""
        return [
            notice(
                "topic of \(name): \(UntrustedText.replaced(topic, keepingLineBreaks: true))\(setter)"
            )
        ]
    }

    private func peers(_ list: [ChatPeer]) -> [ChatAction] {
        guard !list.isEmpty else {
            return [notice("no peers: nobody in your communities is heard on this network yet")]
        }
        var actions = [notice("\(list.count) peers:")]
        for peer in list {
            let name = peer.displayName ?? PersonDirectory.anonymousName
            var line = "  \(name) (\(peer.key.fingerprint.short))  \(peer.session)"
            if let address = peer.address { line += "  \(address)" }
            actions.append(notice(line))
        }
        return actions
    }
}
