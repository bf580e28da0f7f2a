/// A response line's fields as JSON carries them (Protocol/control.md): what
/// ``ControlResponse`` is encoded to and decoded from. A field whose value is unknown is nil,
/// and left out of the line.
struct ControlResponseFields: Codable, Equatable {
    var ok: Bool
    var error: String?
    var status: NodeStatus?
    var peers: [PeerStatus]?
    var entry: ControlEntry?
    var communities: [String]?
    var joined: [String]?
    var left: [String]?
    var tailing: Bool?
    var entries: [ControlEntry]?
    var people: [ControlPerson]?
    var total: Int?
    var more: Int?
    var channels: [ControlChannel]?
    var blocked: [ControlBlockedAuthor]?
    var holders: Int?
    var reached: Bool?

    init(ok: Bool) {
        self.ok = ok
    }
}
