import KithControl
import KithCore
import Testing

@Suite("Control responses: typed, coded as Protocol/control.md writes them")
struct ControlResponseCodingTests {
    @Test("every kind of response decodes from the untyped coding's line and encodes back to it")
    func goldenLines() throws {
        for golden in GoldenLines.responses {
            let response = try #require(ControlResponse(line: Array(golden.utf8)), "\(golden)")
            #expect(String(decoding: response.line, as: UTF8.self) == golden + "\n")
            #expect(String(decoding: response.genericLine, as: UTF8.self) == golden + "\n")
        }
    }

    @Test("the kinds are told apart by their fields")
    func kinds() throws {
        let kinds = try GoldenLines.responses.map { line in
            try #require(ControlResponse(line: Array(line.utf8)))
        }
        #expect(kinds[0] == .failed("unknown op 'x'"))
        #expect(kinds[1] == .tailStarted)
        #expect(kinds[2].entry?.sequence == 1)
        #expect(kinds[3] == .nameSet(communities: [GoldenLines.c]))
        #expect(kinds[4].entries?.count == 1)
        #expect(kinds[5].total == 3 && kinds[5].more == 2)
        #expect(kinds[6].channels?.first?.postCount == 12)
        #expect(kinds[7].blocked?.first?.refused == false)
        #expect(kinds[8] == .reach(holders: 2, reached: true))
        #expect(
            kinds[9] == .reloaded(communities: [GoldenLines.c], joined: [GoldenLines.k], left: []))
    }

    @Test("the hand-written entry line equals the generic encoder's for awkward texts")
    func entryLineMatchesGenericEncoder() throws {
        let golden = try #require(ControlResponse(line: Array(GoldenLines.responses[2].utf8)))
        var entry = try #require(golden.entry)
        // Every ASCII character, and some beyond.
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        let texts = [ascii, "é ü 字 🎉 \u{2028}\u{2029} \u{FEFF}", "", "\\\"/", "a\u{0}b"]
        for text in texts {
            for own in [true, false] {
                entry.authorName = text
                entry.isOwn = own
                entry.privateMessage = ControlPrivateMessage(
                    sender: entry.entry.author, recipient: entry.entry.author, text: text + "!")
                let response = ControlResponse.appended(entry)
                #expect(response.line == response.genericLine, "\(text.debugDescription)")
                entry.authorName = nil
                entry.privateMessage = nil
                let plain = ControlResponse.appended(entry)
                #expect(plain.line == plain.genericLine)
                #expect(ControlResponse(line: plain.line.dropLast()) == plain)
            }
        }
    }
}
