extension ControlEntry {
    /// The response carrying this entry (`{"entry":{...},"ok":true}` and a newline), written
    /// by hand: the line of every `tail` subscriber for every entry the node appends, so the
    /// hot path of the control socket. The same bytes as the generic encoder's
    /// (``ControlResponse/genericLine``): keys sorted, absent values left out.
    public var responseLine: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.utf8.count + 320)
        output.append(contentsOf: #"{"entry":{"author":"#.utf8)
        JSONText.appendString(author, to: &output)
        if let authorName {
            output.append(contentsOf: #","author_name":"#.utf8)
            JSONText.appendString(authorName, to: &output)
        }
        output.append(contentsOf: #","bytes":"#.utf8)
        JSONText.appendString(bytes, to: &output)
        output.append(contentsOf: #","community":"#.utf8)
        JSONText.appendString(community, to: &output)
        output.append(contentsOf: #","id":"#.utf8)
        JSONText.appendString(id, to: &output)
        output.append(contentsOf: own ? #","own":true"#.utf8 : #","own":false"#.utf8)
        if let privateMessage {
            output.append(contentsOf: #","private_message":{"recipient":"#.utf8)
            JSONText.appendString(privateMessage.recipient, to: &output)
            output.append(contentsOf: #","sender":"#.utf8)
            JSONText.appendString(privateMessage.sender, to: &output)
            output.append(contentsOf: #","text":"#.utf8)
            JSONText.appendString(privateMessage.text, to: &output)
            output.append(0x7d)
        }
        output.append(contentsOf: #","sequence":"#.utf8)
        JSONText.appendNumber(sequence, to: &output)
        output.append(contentsOf: "},\"ok\":true}\n".utf8)
        return output
    }
}
