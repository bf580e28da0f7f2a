import Foundation
import Glibc
import KithCore
import KithStorage
import Testing

@Suite("Block list file")
struct BlockListTests {
    /// A public key made of 32 bytes of `byte`.
    func key(_ byte: UInt8) -> PublicKey {
        (try? PublicKey(bytes: [UInt8](repeating: byte, count: 32)))
            ?? SigningKey.generate().publicKey
    }

    func decode(_ text: String) throws(BlockListError) -> BlockList {
        try BlockListCodec.decode(Array(text.utf8))
    }

    @Test("authors, comments, blank and comment lines decode; duplicates count once")
    func decodesAuthors() throws {
        let first = key(0xab)
        let second = key(0x01)
        let text = """
            # blocked here

            \(first.hex) alice (ab12-cd34)
            \t
            \(second.hex)
            \(first.hex) again

            """
        let list = try decode(text)
        #expect(list.authors.map(\.key) == [second, first])
        #expect(list.authors.map(\.comment) == [nil, "alice (ab12-cd34)"])
        #expect(list.contains(first))
        #expect(!list.contains(key(0x02)))
        #expect(list.keys == [first, second])
    }

    @Test("every line feed ends a line, after a carriage return too (a space in the comment)")
    func carriageReturnLineEnds() throws {
        let first = key(0xab)
        let second = key(0x01)
        let list = try decode("\(first.hex) alice\r\n\(second.hex) bob\r\n")
        #expect(list.keys == [first, second])
        #expect(list.authors.map(\.comment) == ["bob ", "alice "])
    }

    @Test("a line whose first byte is # is a comment line, whatever follows it")
    func commentLineByItsFirstByte() throws {
        let list = try decode("#\u{301} combining mark after the hash\n\(key(0xab).hex)\n")
        #expect(list.keys == [key(0xab)])
    }

    @Test(
        "malformed lines are errors naming the line",
        arguments: [
            String(repeating: "A", count: 64),
            String(repeating: "a", count: 63),
            String(repeating: "a", count: 65),
            String(repeating: "a", count: 64) + "\tcomment",
            " " + String(repeating: "a", count: 64),
            "g" + String(repeating: "a", count: 63),
            "hello",
        ])
    func malformed(line: String) throws {
        let text = "# header\n\n" + line + "\n"
        #expect(throws: BlockListError.self) { try decode(text) }
        do {
            _ = try decode(text)
        } catch {
            guard case .malformedLine(let number, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(number == 3)
            #expect(error.description.contains("line 3"))
        }
    }

    @Test("text that is not UTF-8 is refused")
    func notUTF8() {
        let bytes = Array(key(3).hex.utf8) + [0x20, 0xff, 0xfe, 0x0a]
        #expect(throws: BlockListError.notUTF8) { try BlockListCodec.decode(bytes) }
    }

    @Test("more than 10,000 authors is an error, in the codec and in the list")
    func tooMany() throws {
        var text = ""
        for index in 0...BlockList.maximumCount {
            let bytes = (0..<32).map { UInt8(truncatingIfNeeded: index >> (8 * ($0 % 3))) }
            text += try PublicKey(bytes: bytes).hex + "\n"
        }
        #expect(throws: BlockListError.tooManyAuthors(BlockList.maximumCount + 1)) {
            try decode(text)
        }
        let lines = text.split(separator: "\n").dropLast().joined(separator: "\n")
        var list = try decode(lines)
        #expect(list.count == BlockList.maximumCount)
        do {
            try list.insert(BlockedAuthor(key: key(0xee)))
            Issue.record("a full list took one more author")
        } catch {
            #expect(error == .tooManyAuthors(BlockList.maximumCount + 1))
        }
        #expect(list.count == BlockList.maximumCount)
    }

    @Test("encode writes sorted lines that decode to the same list")
    func roundTrip() throws {
        var list = BlockList()
        let insertedNine = try list.insert(BlockedAuthor(key: key(9), comment: "two\nlines"))
        let insertedTwo = try list.insert(BlockedAuthor(key: key(2)))
        let insertedAgain = try list.insert(BlockedAuthor(key: key(2), comment: "again"))
        #expect(insertedNine && insertedTwo && !insertedAgain)
        let text = String(decoding: BlockListCodec.encode(list), as: UTF8.self)
        #expect(text == key(2).hex + "\n" + key(9).hex + " two lines\n")
        #expect(try BlockListCodec.decode(BlockListCodec.encode(list)) == list)
        let removed = list.remove(key(2))
        let removedAgain = list.remove(key(2))
        #expect(removed && !removedAgain)
        #expect(list.authors.map(\.key) == [key(9)])
    }

    @Test("a missing file is an empty list; save writes 0600 and load reads it back")
    func saveAndLoad() throws {
        try withTemporaryDirectory { directory in
            let file = BlockListFile(home: directory)
            #expect(file.path == directory + "/blocked")
            #expect(try file.load().isEmpty)
            let list = try BlockList([
                BlockedAuthor(key: key(5), comment: "bob"), BlockedAuthor(key: key(4)),
            ])
            let previousMask = umask(0)
            defer { umask(previousMask) }
            try file.save(list)
            #expect(try file.load() == list)
            var info = stat()
            #expect(stat(file.path, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600)
            try file.save(BlockList())
            #expect(try file.load().isEmpty)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(names == ["blocked"])
        }
    }

    @Test("a malformed file fails to load with its path and line")
    func malformedFile() throws {
        try withTemporaryDirectory { directory in
            let file = BlockListFile(home: directory)
            try writeFile(file.path, Array("\(key(1).hex)\nnot a key\n".utf8))
            do throws(BlockListError) {
                _ = try file.load()
                Issue.record("a malformed file loaded")
            } catch {
                guard case .inFile(let path, .malformedLine(let line, _)) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(path == file.path)
                #expect(line == 2)
                #expect(error.description.contains(file.path))
                #expect(error.description.contains("line 2"))
            }
        }
    }

    @Test("saving into a missing directory fails with a system error and writes nothing")
    func saveFails() throws {
        try withTemporaryDirectory { directory in
            let file = BlockListFile(path: directory + "/missing/blocked")
            #expect(throws: BlockListError.self) { try file.save(BlockList()) }
            let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(names.isEmpty)
        }
    }
}
