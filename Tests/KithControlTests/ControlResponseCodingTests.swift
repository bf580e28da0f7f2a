import Foundation
import KithCore
import Testing

@testable import KithControl

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

@Suite("Control responses: entry lines read by hand")
struct ControlEntryLineReadingTests {
    private static func entry() throws -> ControlEntry {
        let golden = try #require(ControlResponse(line: Array(GoldenLines.responses[2].utf8)))
        return try #require(golden.entry)
    }

    @Test("an entry line reads the same by hand and with the generic decoder")
    func handReadingMatchesGenericDecoder() throws {
        var entry = try Self.entry()
        let ascii = String(decoding: (1..<128).map { UInt8($0) }, as: UTF8.self)
        for text in [ascii, "é ü 字 🎉 \u{2028}", "", "\\\"/", "a\u{0}b"] {
            entry.authorName = text
            entry.privateMessage = ControlPrivateMessage(
                sender: entry.entry.author, recipient: entry.entry.author, text: text)
            let line = Array(ControlResponse.appended(entry).line.dropLast())
            let generic = try #require(ControlResponse(genericLine: line))
            #expect(ControlEntryLineReader.entry(in: line) == generic.entry)
            #expect(generic.entry == entry)
        }
    }

    @Test("escapes the node does not write are read as JSON reads them")
    func otherEscapes() throws {
        let golden = GoldenLines.responses[2]
        let valid = #"\u00e9\/\ud83c\udf89\u0000"#
        for name in [valid, #"\u0041\u00"#, #"\ud83c"#, #"\q"#] {
            let start = try #require(golden.range(of: #""author_name":""#)).upperBound
            let end = try #require(golden.range(of: #"","bytes""#)).lowerBound
            let text = String(golden[..<start]) + name + String(golden[end...])
            #expect(text != golden)
            let line = Array(text.utf8)
            let generic = ControlResponse(genericLine: line)
            #expect(ControlResponse(line: line) == generic, "\(name)")
            let read = ControlEntryLineReader.entry(in: line)
            #expect(read == generic?.entry, "\(name)")
            if name == valid { #expect(read?.authorName == "é/🎉\u{0}") }
        }
    }

    @Test("a line in another form is left to the generic decoder, which reads it alike")
    func otherFormsFallBack() throws {
        let golden = GoldenLines.responses[2]
        let variants = [
            golden.replacingOccurrences(of: #","ok":true}"#, with: #","ok":true,"later":1}"#),
            golden.replacingOccurrences(of: #"{"entry":"#, with: #"{ "entry":"#),
            golden.replacingOccurrences(of: #""sequence":1"#, with: #""sequence":01"#),
            golden.replacingOccurrences(of: #""sequence":1"#, with: #""sequence":2"#),
        ]
        for variant in variants {
            let line = Array(variant.utf8)
            #expect(ControlEntryLineReader.entry(in: line) == nil, "\(variant.prefix(40))")
            #expect(ControlResponse(line: line) == ControlResponse(genericLine: line))
        }
    }
}
