import KithCore
import KithMesh
import Testing

@testable import KithNode

/// The runtime's table of sessions and dials per peer: one kept session per peer, counted once
/// when kept and once when it ends, and only the connection that holds a place can end it.
@Suite("Peer session table")
struct PeerSessionTableTests {
    let alice = SigningKey.generate().publicKey
    let bob = SigningKey.generate().publicKey

    @Test("a kept session ends once, and only by its own handle")
    func keptSessionEndsOnce() {
        var table = PeerSessionTable()
        table.keep(PeerHandle(1), for: alice)
        #expect(table.session(with: alice) == PeerHandle(1))
        #expect(table.isKept(PeerHandle(1), for: alice))
        #expect(!table.isKept(PeerHandle(2), for: alice))
        // A connection that lost the duplicate rule ends nothing.
        let endedByOther = table.endSession(with: alice, handle: PeerHandle(2))
        #expect(!endedByOther)
        let ended = table.endSession(with: alice, handle: PeerHandle(1))
        #expect(ended)
        let endedAgain = table.endSession(with: alice, handle: PeerHandle(1))
        #expect(!endedAgain)
        #expect(table.session(with: alice) == nil)
        #expect(table.sessionsOpened == 1)
        #expect(table.sessionsClosed == 1)
    }

    @Test("a session replaced by a duplicate counts one end and one more kept")
    func duplicateReplaces() {
        var table = PeerSessionTable()
        table.keep(PeerHandle(1), for: alice)
        table.keep(PeerHandle(7), for: bob)
        table.endSession(with: alice)
        table.keep(PeerHandle(3), for: alice)
        #expect(table.keptSessions == [alice: PeerHandle(3), bob: PeerHandle(7)])
        #expect(table.keptCount == 2)
        #expect(table.sessionsOpened == 3)
        #expect(table.sessionsClosed == 1)
    }

    @Test("a dial ends only by the connection that dials")
    func dialEndsByItsConnection() {
        var table = PeerSessionTable()
        table.dialStarted(PeerHandle(4), to: bob)
        #expect(table.isDialing(bob))
        let endedByOther = table.dialEnded(PeerHandle(5), to: bob)
        #expect(!endedByOther)
        #expect(table.isDialing(bob))
        let ended = table.dialEnded(PeerHandle(4), to: bob)
        #expect(ended)
        #expect(!table.isDialing(bob))
    }

    @Test("catch-up is reported once per connection, and forgotten when it closes")
    func caughtUpForgotten() {
        var table = PeerSessionTable()
        #expect(!table.hasCaughtUp(PeerHandle(2)))
        table.caughtUp(PeerHandle(2))
        #expect(table.hasCaughtUp(PeerHandle(2)))
        table.connectionClosed(PeerHandle(2))
        #expect(!table.hasCaughtUp(PeerHandle(2)))
    }
}
