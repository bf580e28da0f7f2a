import KithCore
import KithMesh
import Testing

@Suite("Invite codes")
struct InviteCodeTests {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

    @Test(
        "a code round-trips its key and name",
        arguments: ["garden", "g", "Ünïcødé club ☕", String(repeating: "x", count: 32)])
    func roundTrip(name: String) throws {
        let key = try MeshFixtures.garden()
        let code = try InviteCode(communityKey: key, name: name)
        let parsed = try InviteCode(parsing: code.text)
        #expect(parsed == code)
        #expect(parsed.communityKey == key)
        #expect(parsed.name == name)
        #expect(code.text.hasPrefix("kith1"))
        #expect(code.text.allSatisfy { $0 == "1" || Self.alphabet.contains($0) })
    }

    @Test("parsing ignores surrounding whitespace and letter case")
    func whitespaceAndCase() throws {
        let code = try InviteCode(communityKey: try MeshFixtures.garden(), name: "garden")
        #expect(try InviteCode(parsing: "  \n\t" + code.text + " \r\n") == code)
        #expect(try InviteCode(parsing: code.text.uppercased()) == code)
    }

    @Test(
        "names outside 1 to 32 bytes of UTF-8 without control characters are refused",
        arguments: [
            "", String(repeating: "x", count: 33), "tab\there", "bell\u{7}", "del\u{7f}",
            String(repeating: "é", count: 17),
        ])
    func badNames(name: String) throws {
        #expect(throws: InviteCodeError.badName) {
            try InviteCode(communityKey: try MeshFixtures.garden(), name: name)
        }
    }

    @Test("every single-character substitution of a code is detected")
    func everySubstitutionDetected() throws {
        for name in ["garden", "Ünïcødé club ☕"] {
            let text = Array(
                try InviteCode(communityKey: try MeshFixtures.garden(), name: name).text)
            for position in text.indices {
                for replacement in Self.alphabet + ["1", "0", "8", "k", "-"]
                where replacement != text[position] {
                    var damaged = text
                    damaged[position] = replacement
                    #expect(throws: InviteCodeError.self, "substitution at \(position)") {
                        try InviteCode(parsing: String(damaged))
                    }
                }
            }
        }
    }

    @Test("every dropped or doubled character is detected")
    func everyDeletionAndInsertionDetected() throws {
        let text = Array(
            try InviteCode(communityKey: try MeshFixtures.garden(), name: "garden").text)
        for position in text.indices {
            var dropped = text
            dropped.remove(at: position)
            #expect(throws: InviteCodeError.self) { try InviteCode(parsing: String(dropped)) }
            var doubled = text
            doubled.insert(text[position], at: position)
            #expect(throws: InviteCodeError.self) { try InviteCode(parsing: String(doubled)) }
        }
    }

    @Test("errors name the problem")
    func specificErrors() throws {
        let text = try InviteCode(communityKey: try MeshFixtures.garden(), name: "garden").text
        let body = String(text.dropFirst(5))
        #expect(throws: InviteCodeError.badPrefix) { try InviteCode(parsing: "kith2" + body) }
        #expect(throws: InviteCodeError.badPrefix) { try InviteCode(parsing: "kit") }
        #expect(throws: InviteCodeError.badPrefix) {
            try InviteCode(parsing: "\u{212A}ith1" + body)
        }
        #expect(throws: InviteCodeError.badCharacter(position: 7)) {
            try InviteCode(parsing: "kith1" + body.prefix(2) + "0" + body.dropFirst(3))
        }
        #expect(throws: InviteCodeError.badCharacter(position: 5)) {
            try InviteCode(parsing: "kith1é" + body)
        }
        #expect(throws: InviteCodeError.badLength) { try InviteCode(parsing: "kith1") }
        #expect(throws: InviteCodeError.badLength) {
            try InviteCode(parsing: "kith1" + body.prefix(40))
        }
        #expect(throws: InviteCodeError.badLength) { try InviteCode(parsing: text + "aa") }
    }
}
