import KithControl
import KithCore
import Testing

@Suite("Control requests: typed, coded as Protocol/control.md writes them")
struct ControlRequestCodingTests {
    private static let community = try! CommunityID(hex: GoldenLines.c)
    private static let key = try! PublicKey(hex: GoldenLines.k)

    /// The typed request of each golden line, in the same order.
    private static func typedRequests() throws -> [ControlRequest] {
        let general = ChannelName.general
        let people = { (selection: PeopleQuery.Selection, after: PublicKey?) in
            ControlRequest.people(
                community: community, PeopleQuery(selection: selection, limit: 100, after: after))
        }
        return [
            .status, .peers,
            .post(community: community, try Post(channel: general, text: "hello")),
            .nick(community: nil, try DisplayName("alice")),
            .nick(community: community, try DisplayName("alice")),
            .tail(community: nil, channel: nil),
            .tail(community: community, channel: general),
            .history(community: community, channel: general, limit: 20),
            .inbox(community: community, limit: 20),
            people(.everyone, nil), people(.everyone, key), people(.online, nil),
            people(.activeSince(1_764_360_000_000), nil), people(.author(key), nil),
            .msg(community: community, recipient: key, text: "psst"),
            .channels(community: community),
            .topic(community: community, try Topic(channel: general, text: "news")),
            .block(key), .hide(key), .unblock(key), .blocked,
            .reach(community: community, sequence: 12),
            .communitiesReload,
        ]
    }

    @Test("every op encodes to the line the untyped coding wrote, and decodes back")
    func goldenLines() throws {
        let typed = try Self.typedRequests()
        #expect(typed.count == GoldenLines.requests.count)
        for (request, golden) in zip(typed, GoldenLines.requests) {
            #expect(String(decoding: request.line, as: UTF8.self) == golden + "\n")
            #expect(try ControlRequest(line: Array(golden.utf8)) == request)
        }
    }

    @Test("the request examples of control.md decode, defaults filled in")
    func protocolExamples() throws {
        let general = ChannelName.general
        let examples: [(String, ControlRequest)] = [
            (#"{"op":"status"}"#, .status),
            (#"{"op":"peers"}"#, .peers),
            (
                #"{"op":"post","channel":"general","text":"hello"}"#,
                .post(community: nil, try Post(channel: general, text: "hello"))
            ),
            (#"{"op":"nick","name":"alice"}"#, .nick(community: nil, try DisplayName("alice"))),
            (#"{"op":"tail","channel":"general"}"#, .tail(community: nil, channel: general)),
            (#"{"op":"communities_reload"}"#, .communitiesReload),
            (#"{"op":"reach","sequence":12}"#, .reach(community: nil, sequence: 12)),
            (
                #"{"op":"post","text":"hi"}"#,
                .post(community: nil, try Post(channel: general, text: "hi"))
            ),
            (#"{"op":"history"}"#, .history(community: nil, channel: general, limit: 50)),
            (#"{"op":"inbox"}"#, .inbox(community: nil, limit: 20)),
            (
                #"{"op":"people"}"#,
                .people(community: nil, PeopleQuery(selection: .everyone, limit: 100))
            ),
            // Fields an op does not use are ignored, whatever their type.
            (#"{"op":"blocked","text":"x","limit":3}"#, .blocked),
            (#"{"op":"status","limit":"x","online":3,"text":[1]}"#, .status),
            (
                #"{"op":"inbox","text":7,"sequence":"x"}"#,
                .inbox(community: nil, limit: ControlRequest.inboxLimit.default)
            ),
        ]
        for (line, expected) in examples {
            #expect(try ControlRequest(line: Array(line.utf8)) == expected, "\(line)")
        }
    }

    @Test("a bad line or field is a typed error with the sentence the node answered before")
    func refusals() {
        let cases: [(String, ControlRequestError, String)] = [
            ("not json", .malformed, #"malformed request: expected {"op": ...}"#),
            (#"{"op":7}"#, .malformed, #"malformed request: expected {"op": ...}"#),
            (#"{"limit":1}"#, .malformed, #"malformed request: expected {"op": ...}"#),
            (
                #"{"op":"history","limit":"x"}"#, .invalidField("limit", "not a whole number"),
                "invalid 'limit': not a whole number"
            ),
            (
                #"{"op":"people","online":"yes"}"#, .invalidField("online", "not true or false"),
                "invalid 'online': not true or false"
            ),
            (
                #"{"op":"post","text":5}"#, .invalidField("text", "not a string"),
                "invalid 'text': not a string"
            ),
            (#"{"op":"reboot"}"#, .unknownOp("reboot"), "unknown op 'reboot'"),
            (#"{"op":"post"}"#, .missingField("text"), "missing field 'text'"),
            (
                #"{"op":"history","community":"lobby"}"#, .unknownCommunity("lobby"),
                "not a community of this node: 'lobby'"
            ),
            (
                #"{"op":"history","limit":0}"#, .invalidField("limit", "0 is not from 1 to 1000"),
                "invalid 'limit': 0 is not from 1 to 1000"
            ),
            (
                #"{"op":"inbox","limit":201}"#, .invalidField("limit", "201 is not from 1 to 200"),
                "invalid 'limit': 201 is not from 1 to 200"
            ),
            (#"{"op":"topic","text":"x"}"#, .missingField("channel"), "missing field 'channel'"),
            (#"{"op":"nick"}"#, .missingField("name"), "missing field 'name'"),
            (#"{"op":"msg","text":"x"}"#, .missingField("recipient"), "missing field 'recipient'"),
            (
                #"{"op":"msg","recipient":"ab","text":"x"}"#,
                .invalidField("recipient", "not a public key of 64 hex digits"),
                "invalid 'recipient': not a public key of 64 hex digits"
            ),
            (#"{"op":"block"}"#, .missingAuthor(op: "block"), "block: author is required"),
            (
                #"{"op":"hide","author":"xyz"}"#, .invalidAuthor(op: "hide"),
                "hide: author must be a public key of 64 hex digits"
            ),
            (#"{"op":"reach"}"#, .missingSequence, "reach needs a sequence of 1 or more"),
            (
                #"{"op":"reach","sequence":0}"#, .missingSequence,
                "reach needs a sequence of 1 or more"
            ),
            (
                #"{"op":"tail","channel":"Not A Channel"}"#,
                .invalidField("channel", "Not A Channel"), "invalid 'channel': Not A Channel"
            ),
            (
                #"{"op":"people","online":true,"author":"\#(GoldenLines.k)"}"#,
                .invalidField("author", "at most one of author, online and active_since"),
                "invalid 'author': at most one of author, online and active_since"
            ),
        ]
        for (line, error, sentence) in cases {
            #expect(throws: error, "\(line)") { try ControlRequest(line: Array(line.utf8)) }
            #expect(error.description == sentence)
        }
    }
}
