import KithCommandLine
import KithCore
import Testing

@Suite("ChatSession: /query")
struct ChatQueryTests {
    typealias Harness = ChatSessionHarness

    @Test(
        "/query NAME sends plain lines and /me privately, shows @name in the prompt; /query alone returns"
    )
    func queryRoutesLines() throws {
        var chat = try Harness.started()
        let bob = chat.bob.publicKey
        let opened = chat.handle(.typed("/query bob"))
        #expect(Harness.prompts(opened) == ["lobby/@bob> "])
        #expect(chat.session.prompt == "lobby/@bob> ")
        #expect(
            Harness.shown(opened).last?.hasPrefix(
                "-- private conversation with \(Harness.label("bob", chat.bob))") == true)
        #expect(
            Harness.requests(chat.handle(.typed("are you there?")))
                == [.sendPrivate(chat.community.id, recipient: bob, text: "are you there?")])
        #expect(
            Harness.requests(chat.handle(.typed("/me waves")))
                == [.sendPrivate(chat.community.id, recipient: bob, text: "* waves")])
        // /msg to someone else still goes to them.
        #expect(
            Harness.requests(
                chat.handle(.typed("/msg \(chat.carol.publicKey.fingerprint.full) hi")))
                == [.sendPrivate(chat.community.id, recipient: chat.carol.publicKey, text: "hi")])
        let closed = chat.handle(.typed("/query"))
        #expect(Harness.prompts(closed) == ["lobby/#general> "])
        #expect(
            Harness.requests(chat.handle(.typed("hello all")))
                == [.post(chat.community.id, try ChannelName("general"), text: "hello all")])
    }

    @Test("/close ends it too; with none open /close and /query explain; extra words are refused")
    func closeAndMistakes() throws {
        var chat = try Harness.started()
        _ = chat.handle(.typed("/query bob"))
        #expect(Harness.prompts(chat.handle(.typed("/close"))) == ["lobby/#general> "])
        #expect(chat.session.query == nil)
        for line in ["/close", "/query"] {
            #expect(
                Harness.shown(chat.handle(.typed(line))) == [
                    "!! no private conversation is open; /query NAME opens one"
                ])
        }
        #expect(
            Harness.shown(chat.handle(.typed("/query bob hi"))).first?.hasPrefix(
                "!! /query takes one name") == true)
        #expect(
            Harness.shown(chat.handle(.typed("/close now"))).first?.hasPrefix(
                "!! /close takes no arguments") == true)
        #expect(
            Harness.shown(chat.handle(.typed("/query zed"))).first?.hasPrefix(
                "!! nobody called 'zed'") == true)
        #expect(
            Harness.shown(chat.handle(.typed("/query alice"))) == [
                "!! a private conversation needs someone else"
            ])
        #expect(chat.session.query == nil)
    }

    @Test("someone with no name, or a name taken earlier, shows with a fingerprint in the prompt")
    func promptTellsPeopleApart() throws {
        var chat = try Harness.started()
        _ = chat.handle(.typed("/query \(chat.carol.publicKey.fingerprint.full)"))
        #expect(chat.session.prompt == "lobby/@\(Harness.label("anonymous", chat.carol))> ")
    }

    @Test("/join and a change of community end the private conversation")
    func joinAndSwitchEndIt() throws {
        var chat = try Harness.started()
        _ = chat.handle(.typed("/query bob"))
        _ = chat.handle(.typed("/join dev"))
        #expect(chat.session.query == nil)
        #expect(chat.session.prompt == "lobby/#dev> ")
        _ = chat.handle(.typed("/query bob"))
        _ = chat.handle(.typed("/community switch work"))
        #expect(chat.session.query == nil)
        #expect(chat.session.prompt == "work/#general> ")
    }
}
