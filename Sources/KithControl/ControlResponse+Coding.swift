extension ControlResponse {
    /// The response as one line of JSON, with its final newline. An entry line (`post`, `tail`)
    /// is written by hand (``ControlEntry/responseLine``), the rest by the generic encoder; both
    /// give the same bytes.
    public var line: [UInt8] {
        if case .appended(let entry) = self { return entry.responseLine }
        return genericLine
    }

    /// The line as Foundation's JSON encoder writes it.
    public var genericLine: [UInt8] { ControlCoding.line(fields) }

    /// Reads one response line (without its newline); nil when it is not a response this
    /// client knows. Fields it does not know are ignored. An entry line as the node writes it
    /// is read by hand (``ControlEntryLineReader``), anything else by the generic decoder; both
    /// give the same response.
    public init?(line: some Collection<UInt8>) {
        if let entry = ControlEntryLineReader.entry(in: line) {
            self = .appended(entry)
            return
        }
        self.init(genericLine: line)
    }

    /// Reads one response line with Foundation's JSON decoder, as every line was read before
    /// entry lines were read by hand.
    public init?(genericLine line: some Collection<UInt8>) {
        guard let fields = ControlCoding.decode(ControlResponseFields.self, from: line),
            let response = ControlResponse(fields: fields)
        else { return nil }
        self = response
    }

    /// The response `fields` carry: which fields are present says which kind it is.
    init?(fields: ControlResponseFields) {
        guard fields.ok else {
            self = .failed(fields.error ?? "the node refused")
            return
        }
        if let status = fields.status {
            self = .nodeStatus(status)
        } else if let peers = fields.peers {
            self = .peerList(peers)
        } else if let entry = fields.entry {
            self = .appended(entry)
        } else if fields.tailing == true {
            self = .tailStarted
        } else if let communities = fields.communities {
            if fields.joined == nil && fields.left == nil {
                self = .nameSet(communities: communities)
            } else {
                self = .reloaded(
                    communities: communities, joined: fields.joined ?? [], left: fields.left ?? [])
            }
        } else if let entries = fields.entries {
            self = .entryList(entries)
        } else if let people = fields.people {
            self = .peoplePage(
                people, total: fields.total ?? people.count, more: fields.more ?? 0)
        } else if let channels = fields.channels {
            self = .channelList(channels)
        } else if let blocked = fields.blocked {
            self = .blockedAuthors(blocked)
        } else if let holders = fields.holders {
            self = .reach(holders: holders, reached: fields.reached ?? false)
        } else {
            return nil
        }
    }

    /// The response's fields as JSON carries them.
    var fields: ControlResponseFields {
        var fields = ControlResponseFields(ok: ok)
        switch self {
        case .failed(let reason): fields.error = reason
        case .nodeStatus(let status): fields.status = status
        case .peerList(let peers): fields.peers = peers
        case .appended(let entry): fields.entry = entry
        case .tailStarted: fields.tailing = true
        case .nameSet(let communities): fields.communities = communities
        case .reloaded(let communities, let joined, let left):
            fields.communities = communities
            fields.joined = joined
            fields.left = left
        case .entryList(let entries): fields.entries = entries
        case .peoplePage(let people, let total, let more):
            fields.people = people
            fields.total = total
            fields.more = more
        case .channelList(let channels): fields.channels = channels
        case .blockedAuthors(let blocked): fields.blocked = blocked
        case .reach(let holders, let reached):
            fields.holders = holders
            fields.reached = reached
        }
        return fields
    }
}
