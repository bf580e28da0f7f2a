import KithCore

extension ControlEntry {
    /// The response carrying this entry (`{"entry":{...},"ok":true}` and a newline), written
    /// by hand: the line of every `tail` subscriber for every entry the node appends, so the
    /// hot path of the control socket. The same bytes as the generic encoder's
    /// (``ControlResponse/genericLine``): keys sorted, absent values left out.
    public var responseLine: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(entry.bytes.count * 2 + 400)
        output.append(contentsOf: #"{"entry":{"author":""#.utf8)
        JSONText.appendHex(entry.author.bytes, to: &output)
        output.append(0x22)
        if let authorName {
            output.append(contentsOf: #","author_name":"#.utf8)
            JSONText.appendString(authorName, to: &output)
        }
        output.append(contentsOf: #","bytes":""#.utf8)
        JSONText.appendHex(entry.bytes, to: &output)
        output.append(contentsOf: #"","community":""#.utf8)
        JSONText.appendHex(entry.community.bytes, to: &output)
        output.append(contentsOf: #"","id":""#.utf8)
        JSONText.appendHex(entry.id.bytes, to: &output)
        output.append(contentsOf: isOwn ? #"","own":true"#.utf8 : #"","own":false"#.utf8)
        if let privateMessage {
            output.append(contentsOf: #","private_message":{"recipient":""#.utf8)
            JSONText.appendHex(privateMessage.recipient.bytes, to: &output)
            output.append(contentsOf: #"","sender":""#.utf8)
            JSONText.appendHex(privateMessage.sender.bytes, to: &output)
            output.append(contentsOf: #"","text":"#.utf8)
            JSONText.appendString(privateMessage.text, to: &output)
            output.append(0x7d)
        }
        output.append(contentsOf: #","sequence":"#.utf8)
        JSONText.appendNumber(entry.sequence, to: &output)
        output.append(contentsOf: "},\"ok\":true}\n".utf8)
        return output
    }
}
