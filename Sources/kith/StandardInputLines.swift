import Foundation

/// Reads standard input line by line on a thread of its own (reads block), handing each line to
/// `onLine` and calling `onEnd` at end of file.
enum StandardInputLines {
    static func start(
        onLine: @escaping @Sendable (String) -> Void, onEnd: @escaping @Sendable () -> Void
    ) {
        let thread = Thread {
            while let line = readLine(strippingNewline: true) {
                onLine(line)
            }
            onEnd()
        }
        thread.name = "kith-stdin"
        thread.start()
    }
}
