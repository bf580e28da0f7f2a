import KithCore
import KithNode
import KithSystem

/// What `kith-bench flood` was asked to do, parsed from its arguments.
struct FloodOptions {
    /// Whose entries the stranger sends.
    enum Authors: String {
        /// Every entry is the first of a chain of a fresh author (the new-author budget).
        case new
        /// One author's chain, entry after entry (the session's and the node's unit budgets).
        case one
    }

    /// The node's session port.
    let target: SocketAddress
    /// The node's public key: the handshake proves it (a stranger learns it from a beacon).
    let responder: PublicKey
    let authors: Authors
    /// The size of each entry as signed, in bytes.
    let entrySize: Int
    /// How long to flood, in seconds.
    let seconds: Double
    /// How many distinct signed entries to send in turn (signed before the flood starts).
    let poolSize: Int

    /// The smallest entry a post makes: a header, a post of one byte in #general, a signature.
    static var smallestEntry: Int { EntryFormat.minEntrySize + FloodPool.postOverhead + 1 }

    /// Parses `flood --target HOST:PORT --key HEX [--authors new|one] [--size BYTES]
    /// [--seconds N] [--pool N]`.
    init(arguments: [String]) throws(FloodError) {
        guard let targetText = stringOption("--target", in: arguments) else {
            throw .usage("flood needs --target HOST:PORT (the node's session port)")
        }
        guard let (host, port) = SocketAddress.splitHostAndPort(targetText, defaultPort: 0),
            port != 0, let address = SocketAddress(numericHost: host, port: port)
        else { throw .usage("--target \(targetText) is not a numeric HOST:PORT") }
        target = address
        guard let keyText = stringOption("--key", in: arguments) else {
            throw .usage("flood needs --key HEX (the node's public key, from `kith status`)")
        }
        do {
            responder = try PublicKey(hex: keyText)
        } catch {
            throw .usage("--key: \(error)")
        }
        let authorsText = stringOption("--authors", in: arguments) ?? Authors.new.rawValue
        guard let parsedAuthors = Authors(rawValue: authorsText) else {
            throw .usage("--authors takes new or one, not \(authorsText)")
        }
        authors = parsedAuthors
        let sizeText = stringOption("--size", in: arguments) ?? "\(Self.smallestEntry + 100)"
        guard let size = Int(sizeText), (Self.smallestEntry...EntryFormat.maxEntrySize) ~= size
        else {
            throw .usage(
                "--size takes \(Self.smallestEntry) to \(EntryFormat.maxEntrySize) bytes, "
                    + "not \(sizeText)")
        }
        entrySize = size
        let secondsText = stringOption("--seconds", in: arguments) ?? "10"
        guard let parsedSeconds = Double(secondsText), parsedSeconds > 0 else {
            throw .usage("--seconds takes a positive number, not \(secondsText)")
        }
        seconds = parsedSeconds
        // At most 64 MiB of signed entries, and no more than 50,000 (a few seconds of signing).
        let defaultPool = max(1, min(50_000, 64 * 1024 * 1024 / size))
        let poolText = stringOption("--pool", in: arguments) ?? "\(defaultPool)"
        guard let pool = Int(poolText), pool > 0 else {
            throw .usage("--pool takes a positive number, not \(poolText)")
        }
        poolSize = pool
    }
}
