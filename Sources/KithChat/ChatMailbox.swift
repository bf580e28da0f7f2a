import Foundation
import KithCommandLine
import KithSystem
import Synchronization

/// What other threads hand a chat's loop: signals (a Dispatch queue takes them) and the events of
/// a node the chat runs inside its own process (its thread tells them). The loop's poll wakes
/// through the ``InputWaiter``'s pipe and takes everything at once. The node's entries and
/// answers do not come this way: the loop reads its sockets itself.
package final class ChatMailbox: Sendable {
    /// One thing that happened.
    package enum Item: Sendable {
        /// A signal arrived.
        case signal(Int32)
        /// A line about the node itself (in-process node); `isNotable` ones are shown at once,
        /// the others kept for `/status`.
        case nodeEvent(String, isNotable: Bool)
    }

    private let waiter: InputWaiter
    private let items = Mutex<[Item]>([])

    /// A mailbox that wakes `waiter` when something arrives.
    package init(waiter: InputWaiter) {
        self.waiter = waiter
    }

    /// Adds an item and wakes the loop. Safe from any thread.
    package func push(_ item: Item) {
        items.withLock { $0.append(item) }
        waiter.wake()
    }

    /// Everything waiting, oldest first.
    package func takeAll() -> [Item] {
        items.withLock { waiting in
            defer { waiting.removeAll() }
            return waiting
        }
    }

    /// Whether signal `number` ends the chat: all but SIGWINCH (a resize) and SIGCONT (the
    /// process was continued after a stop).
    package static func stopsTheChat(_ number: Int32) -> Bool {
        number != SIGWINCH && number != SIGCONT
    }

    /// Turns `signals` into items (instead of their default action) for as long as the
    /// returned trap lives. A second stopping signal (see ``stopsTheChat(_:)``) while the
    /// first is handled ends the process at once, terminal restored (status 130), for a stop
    /// that hangs. SIGCONT still continues a stopped process; the item only tells the chat.
    package func trap(signals: [Int32]) -> SignalTrap {
        SignalTrap(
            signals: signals, label: "kith.chat.signals", isStop: Self.stopsTheChat,
            beforeForcedExit: { RawTerminal.emergencyRestore() },
            handler: { [self] number in push(.signal(number)) })
    }
}
