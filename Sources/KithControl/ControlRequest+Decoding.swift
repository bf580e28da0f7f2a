import KithCore

extension ControlRequest {
    /// Decodes and checks one request line (without its newline), as the node does.
    /// - Throws: ``ControlRequestError/malformed`` for a line that is not a request object,
    ///   ``ControlRequestError/unknownOp(_:)``, or the error naming the first field of the op
    ///   that is missing or not valid. Fields the op does not use are not looked at.
    public init(line: some Collection<UInt8>) throws(ControlRequestError) {
        guard let fields = ControlCoding.decode(ControlRequestFields.self, from: line) else {
            throw .malformed
        }
        try self.init(fields: fields)
    }

    /// Checks `fields` as the request of their op.
    public init(fields: ControlRequestFields) throws(ControlRequestError) {
        let checker = ControlFieldChecker(fields: fields)
        try checker.checkTypes()
        switch fields.op {
        case "status": self = .status
        case "peers": self = .peers
        case "blocked": self = .blocked
        case "communities_reload": self = .communitiesReload
        case "post": self = try checker.post()
        case "nick": self = try checker.nick()
        case "tail": self = try checker.tail()
        case "history": self = try checker.history()
        case "inbox": self = try checker.inbox()
        case "people":
            let community = try checker.community()
            self = .people(community: community, try PeopleQuery(fields))
        case "msg": self = try checker.message()
        case "channels": self = .channels(community: try checker.community())
        case "topic": self = try checker.topic()
        case "block": self = .block(try checker.author())
        case "hide": self = .hide(try checker.author())
        case "unblock": self = .unblock(try checker.author())
        case "reach": self = try checker.reach()
        default: throw .unknownOp(fields.op)
        }
    }
}

/// Parses the fields of one request, in the order the node checked them before it had types, so
/// that a request wrong in several fields gets the same answer as then.
private struct ControlFieldChecker {
    let fields: ControlRequestFields

    /// The fields each op reads; a mistyped field it does not read is ignored.
    private static let fieldsRead: [String: [String]] = [
        "post": ["community", "text", "channel"],
        "nick": ["name", "community"],
        "tail": ["community", "channel"],
        "history": ["community", "channel", "limit"],
        "inbox": ["community", "limit"],
        "people": ["community", "limit", "after", "author", "online", "active_since"],
        "msg": ["community", "recipient", "text"],
        "channels": ["community"],
        "topic": ["community", "channel", "text"],
        "block": ["author"], "hide": ["author"], "unblock": ["author"],
        "reach": ["community", "sequence"],
    ]

    /// Refuses a request whose op reads a field of the wrong type.
    func checkTypes() throws(ControlRequestError) {
        let read = Self.fieldsRead[fields.op] ?? []
        guard let field = read.first(where: fields.mistyped.contains) else { return }
        let expected: String
        switch field {
        case "limit", "active_since", "sequence": expected = "a whole number"
        case "online": expected = "true or false"
        default: expected = "a string"
        }
        throw .invalidField(field, "not \(expected)")
    }

    func community() throws(ControlRequestError) -> CommunityID? {
        guard let text = fields.community else { return nil }
        guard let id = try? CommunityID(hex: text) else { throw .unknownCommunity(text) }
        return id
    }

    func text() throws(ControlRequestError) -> String {
        guard let text = fields.text else { throw .missingField("text") }
        return text
    }

    func channel(default fallback: ChannelName?) throws(ControlRequestError) -> ChannelName {
        guard let text = fields.channel else {
            guard let fallback else { throw .missingField("channel") }
            return fallback
        }
        do {
            return try ChannelName(userInput: text)
        } catch {
            throw .invalidField("channel", "\(error)")
        }
    }

    func limit(_ limits: (default: Int, allowed: ClosedRange<Int>)) throws(ControlRequestError)
        -> Int
    {
        let limit = fields.limit ?? limits.default
        guard limits.allowed.contains(limit) else {
            throw .invalidField(
                "limit",
                "\(limit) is not from \(limits.allowed.lowerBound) to \(limits.allowed.upperBound)")
        }
        return limit
    }

    func post() throws(ControlRequestError) -> ControlRequest {
        let community = try community()
        let text = try text()
        let channel = try channel(default: .general)
        do {
            return .post(community: community, try Post(channel: channel, text: text))
        } catch {
            throw .invalidField("text", "\(error)")
        }
    }

    func nick() throws(ControlRequestError) -> ControlRequest {
        guard let text = fields.name else { throw .missingField("name") }
        let name: DisplayName
        do {
            name = try DisplayName(text)
        } catch {
            throw .invalidField("name", "\(error)")
        }
        return .nick(community: try community(), name)
    }

    /// `tail`'s channel error names the text given, not why it is not a channel.
    func tail() throws(ControlRequestError) -> ControlRequest {
        let community = try community()
        var channel: ChannelName?
        if let text = fields.channel {
            guard let name = try? ChannelName(userInput: text) else {
                throw .invalidField("channel", text)
            }
            channel = name
        }
        return .tail(community: community, channel: channel)
    }

    func history() throws(ControlRequestError) -> ControlRequest {
        let community = try community()
        let channel = try channel(default: .general)
        return .history(
            community: community, channel: channel, limit: try limit(ControlRequest.historyLimit))
    }

    func inbox() throws(ControlRequestError) -> ControlRequest {
        let community = try community()
        return .inbox(community: community, limit: try limit(ControlRequest.inboxLimit))
    }

    func message() throws(ControlRequestError) -> ControlRequest {
        let community = try community()
        guard let recipientText = fields.recipient else { throw .missingField("recipient") }
        let text = try text()
        guard let recipient = try? PublicKey(hex: recipientText) else {
            throw .invalidField("recipient", "not a public key of 64 hex digits")
        }
        return .msg(community: community, recipient: recipient, text: text)
    }

    func topic() throws(ControlRequestError) -> ControlRequest {
        let community = try community()
        let channel = try channel(default: nil)
        let text = try text()
        do {
            return .topic(community: community, try Topic(channel: channel, text: text))
        } catch {
            throw .invalidField("text", "\(error)")
        }
    }

    func author() throws(ControlRequestError) -> PublicKey {
        guard let text = fields.author else { throw .missingAuthor(op: fields.op) }
        guard text.utf8.count == PublicKey.byteCount * 2, let key = try? PublicKey(hex: text)
        else { throw .invalidAuthor(op: fields.op) }
        return key
    }

    func reach() throws(ControlRequestError) -> ControlRequest {
        let community = try community()
        guard let sequence = fields.sequence, sequence > 0 else { throw .missingSequence }
        return .reach(community: community, sequence: sequence)
    }
}
