import KithCore
import Testing

@testable import KithMesh

@Suite("Pending clock items")
struct PendingItemsTests {
    let community = ReplicationFixtures.communityKey(1).id
    func chain(_ byte: UInt8) -> ChainKey {
        ChainKey(author: ReplicationFixtures.signingKey(byte).publicKey, community: community)
    }

    @Test("items drain in order once due; the earliest due time follows what is left")
    func drainsWhenDue() {
        var items = PendingItems()
        #expect(items.nextDue == nil)
        items.insert(chain(1), request: false, due: 500)
        items.insert(chain(2), request: false, due: 300)
        items.insert(chain(3), request: true, due: 900)
        #expect(items.nextDue == 300)
        #expect(items.drain(dueBy: 299).isEmpty)
        #expect(items.nextDue == 300)
        let first = items.drain(dueBy: 500)
        #expect(first.map(\.chain) == [chain(1), chain(2)])
        #expect(items.nextDue == 900)
        #expect(!items.isEmpty)
        let last = items.drain(dueBy: 1_000)
        #expect(last.map(\.chain) == [chain(3)] && last.map(\.request) == [true])
        #expect(items.isEmpty && items.nextDue == nil)
    }

    @Test("a chain inserted again keeps the earlier time and stays a request")
    func insertAgainKeepsEarlier() {
        var items = PendingItems()
        items.insert(chain(1), request: true, due: 800)
        items.insert(chain(1), request: false, due: 200)
        #expect(items.nextDue == 200)
        let taken = items.drain(dueBy: 200)
        #expect(taken.count == 1 && taken.first?.request == true)
        #expect(items.isEmpty)
    }
}
