import KithControl
import KithCore

/// A chat whose input is not a terminal: each line shown is written as one line of text
/// (colours off), or, with JSON on, each entry as one JSON object with every field. Errors go to
/// their own sink (standard error), so that a script reading the output sees only messages.
public final class PlainChatScreen: ChatScreen {
    private let output: any TextSink
    private let errors: any TextSink
    private let usesJSON: Bool

    /// A screen writing to `output`, errors to `errors`, as JSON lines when `usesJSON`.
    public init(output: any TextSink, errors: any TextSink, usesJSON: Bool) {
        self.output = output
        self.errors = errors
        self.usesJSON = usesJSON
    }

    public func show(_ line: ChatOutput) {
        let sink: any TextSink
        if case .error = line { sink = errors } else { sink = output }
        guard usesJSON else {
            sink.write(line.text + "\n")
            return
        }
        let object: JSONObject
        switch line {
        case .entry(let item, let text):
            object = Self.object(for: item, line: text)
        case .notice(let text):
            object = JSONObject([("notice", .string(Self.stripped(text, prefix: "-- ")))])
        case .listed(_, let record):
            object = record
        case .error(let text):
            object = JSONObject([("error", .string(Self.stripped(text, prefix: "!! ")))])
        }
        sink.write(JSONLine.encode(object) + "\n")
    }

    public func setPrompt(_ prompt: String) {}
    public func inputChanged(_ state: LineEditorState) {}
    public func resized() {}
    public func bell() {}
    public func finish() {}

    /// The entry's JSON (EntryJSON: every field) with what the node and the chat add: the
    /// author's name, whether it is one's own, the opened private message, the chat line.
    public static func object(for item: ControlEntry, line: String?) -> JSONObject {
        var extra: [(String, JSONValue)] = []
        if let name = item.authorName { extra.append(("author_name", .string(name))) }
        extra.append(("own", .bool(item.isOwn)))
        if let opened = item.privateMessage {
            extra.append(
                (
                    "private",
                    .object(
                        JSONObject([
                            ("sender", .string(opened.sender.hex)),
                            ("recipient", .string(opened.recipient.hex)),
                            ("text", .string(opened.text)),
                        ]))
                ))
        }
        if let line { extra.append(("line", .string(line))) }
        return EntryJSON.object(for: item.entry, extra: extra)
    }

    private static func stripped(_ text: String, prefix: String) -> String {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
