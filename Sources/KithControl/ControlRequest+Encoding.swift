import KithCore

extension ControlRequest {
    /// The request as one line of JSON, with its final newline (Protocol/control.md).
    public var line: [UInt8] { fields.line }

    /// The request's fields as JSON carries them.
    public var fields: ControlRequestFields {
        var fields = ControlRequestFields(op: op)
        switch self {
        case .status, .peers, .blocked, .communitiesReload:
            break
        case .post(let community, let post):
            fields.community = community?.hex
            fields.channel = post.channel.name
            fields.text = post.text
        case .nick(let community, let name):
            fields.community = community?.hex
            fields.name = name.name
        case .tail(let community, let channel):
            fields.community = community?.hex
            fields.channel = channel?.name
        case .history(let community, let channel, let limit):
            fields.community = community?.hex
            fields.channel = channel.name
            fields.limit = limit
        case .inbox(let community, let limit):
            fields.community = community?.hex
            fields.limit = limit
        case .people(let community, let query):
            fields.community = community?.hex
            fields.limit = query.limit
            fields.after = query.after?.hex
            switch query.selection {
            case .everyone: break
            case .author(let key): fields.author = key.hex
            case .online: fields.online = true
            case .activeSince(let time): fields.activeSince = time
            }
        case .msg(let community, let recipient, let text):
            fields.community = community?.hex
            fields.recipient = recipient.hex
            fields.text = text
        case .channels(let community):
            fields.community = community?.hex
        case .topic(let community, let topic):
            fields.community = community?.hex
            fields.channel = topic.channel.name
            fields.text = topic.text
        case .block(let key), .hide(let key), .unblock(let key):
            fields.author = key.hex
        case .reach(let community, let sequence):
            fields.community = community?.hex
            fields.sequence = sequence
        }
        return fields
    }
}
