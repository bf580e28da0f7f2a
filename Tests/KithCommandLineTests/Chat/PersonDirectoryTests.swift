import KithCommandLine
import KithCore
import Testing

@Suite("PersonDirectory")
struct PersonDirectoryTests {
    /// A key whose 32 bytes start with `prefix` and are `fill` after it.
    private func key(_ fill: UInt8, prefix: [UInt8] = []) throws -> PublicKey {
        try PublicKey(bytes: prefix + Array(repeating: fill, count: 32 - prefix.count))
    }

    @Test("a display name resolves ignoring case")
    func byName() throws {
        let alice = try key(1)
        let bob = try key(2)
        let directory = PersonDirectory(people: [
            KnownPerson(key: alice, displayName: "Alice", firstSeenOrder: 0),
            KnownPerson(key: bob, displayName: "bob", firstSeenOrder: 1),
        ])
        #expect(directory.resolve("alice") == .person(alice))
        #expect(directory.resolve(" ALICE ") == .person(alice))
        #expect(directory.resolve("Bob") == .person(bob))
        #expect(directory.resolve("carol") == .notFound)
        #expect(directory.resolve("ali") == .notFound)
        #expect(directory.resolve("") == .notFound)
    }

    @Test("full and short fingerprints resolve, with or without dashes")
    func byFingerprint() throws {
        let alice = try key(1)
        let bob = try key(2)
        let directory = PersonDirectory(people: [
            KnownPerson(key: alice, displayName: "alice", firstSeenOrder: 0),
            KnownPerson(key: bob, displayName: nil, firstSeenOrder: 1),
        ])
        let full = bob.fingerprint.full
        let short = bob.fingerprint.short
        #expect(directory.resolve(full) == .person(bob))
        #expect(directory.resolve(full.uppercased()) == .person(bob))
        #expect(directory.resolve(short) == .person(bob))
        #expect(directory.resolve(full.filter { $0 != "-" }) == .person(bob))
        #expect(directory.resolve(short.filter { $0 != "-" }) == .person(bob))
        #expect(directory.resolve(String(short.prefix(7))) == .notFound)
    }

    @Test("a hex key prefix of at least 8 digits resolves")
    func byKeyPrefix() throws {
        let alice = try key(0xab)
        let bob = try key(0xcd)
        let directory = PersonDirectory(people: [
            KnownPerson(key: alice, displayName: "alice", firstSeenOrder: 0),
            KnownPerson(key: bob, displayName: "bob", firstSeenOrder: 1),
        ])
        #expect(directory.resolve(String(bob.hex.prefix(8))) == .person(bob))
        #expect(directory.resolve(bob.hex.uppercased()) == .person(bob))
        #expect(directory.resolve(String(bob.hex.prefix(7))) == .notFound)
        #expect(directory.resolve(String(bob.hex.prefix(12)) + "00") == .notFound)
    }

    @Test("a name several people use is ambiguous, candidates in first-seen order")
    func ambiguousName() throws {
        let first = try key(1)
        let second = try key(2)
        let directory = PersonDirectory(people: [
            KnownPerson(key: second, displayName: "ALICE", firstSeenOrder: 5),
            KnownPerson(key: first, displayName: "alice", firstSeenOrder: 2),
        ])
        guard case .ambiguous(let candidates) = directory.resolve("Alice") else {
            Issue.record("expected an ambiguous resolution")
            return
        }
        #expect(candidates.map(\.key) == [first, second])
        #expect(candidates.map(\.fingerprint) == [first.fingerprint.full, second.fingerprint.full])
        #expect(candidates[0].description == "alice (\(first.fingerprint.full))")
        // Each one's fingerprint then picks exactly that person.
        #expect(directory.resolve(candidates[1].fingerprint) == .person(second))
    }

    @Test("a key prefix several people share is ambiguous")
    func ambiguousPrefix() throws {
        let shared: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        let first = try key(1, prefix: shared)
        let second = try key(2, prefix: shared)
        let directory = PersonDirectory(people: [
            KnownPerson(key: first, displayName: "a", firstSeenOrder: 0),
            KnownPerson(key: second, displayName: "b", firstSeenOrder: 1),
        ])
        guard case .ambiguous(let candidates) = directory.resolve("12345678") else {
            Issue.record("expected an ambiguous resolution")
            return
        }
        #expect(Set(candidates.map(\.key)) == [first, second])
        #expect(directory.resolve(first.hex) == .person(first))
    }

    @Test("a fingerprint wins over a display name that imitates it")
    func identifierBeatsName() throws {
        let victim = try key(1)
        let impostor = try key(2)
        let directory = PersonDirectory(people: [
            KnownPerson(key: victim, displayName: "alice", firstSeenOrder: 0),
            KnownPerson(
                key: impostor, displayName: victim.fingerprint.full, firstSeenOrder: 1),
        ])
        #expect(directory.resolve(victim.fingerprint.full) == .person(victim))
    }

    @Test("labels show name and short fingerprint; a later person with a known name is marked")
    func labels() throws {
        let alice = try key(1)
        let impostor = try key(2)
        let nameless = try key(3)
        let stranger = try key(4)
        let directory = PersonDirectory(people: [
            KnownPerson(key: impostor, displayName: "Alice", firstSeenOrder: 9),
            KnownPerson(key: alice, displayName: "alice", firstSeenOrder: 1),
            KnownPerson(key: nameless, displayName: nil, firstSeenOrder: 2),
        ])
        #expect(directory.label(for: alice) == "alice (\(alice.fingerprint.short))")
        #expect(
            directory.label(for: impostor)
                == "Alice (\(impostor.fingerprint.short)) [not the first Alice]")
        #expect(directory.label(for: nameless) == "anonymous (\(nameless.fingerprint.short))")
        #expect(directory.label(for: stranger) == "anonymous (\(stranger.fingerprint.short))")
        #expect(directory.reusesEarlierName(impostor))
        #expect(!directory.reusesEarlierName(alice))
        #expect(!directory.reusesEarlierName(nameless))
    }

    @Test("a repeated key keeps its earliest sighting and its latest name")
    func repeatedKey() throws {
        let alice = try key(1)
        let bob = try key(2)
        let directory = PersonDirectory(people: [
            KnownPerson(key: bob, displayName: "bob", firstSeenOrder: 0),
            KnownPerson(key: alice, displayName: "old", firstSeenOrder: 3),
            KnownPerson(key: alice, displayName: "bob", firstSeenOrder: 7),
        ])
        #expect(directory.resolve("old") == .notFound)
        #expect(directory.label(for: alice).hasSuffix("[not the first bob]"))
        #expect(!directory.reusesEarlierName(bob))
    }
}
