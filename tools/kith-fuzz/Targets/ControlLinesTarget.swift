import KithControl

/// `ControlLineSplitter`, which splits what a node sends on its control socket into lines (for
/// `kith chat` and, through `ControlLineReader`, every other client), fed the input in pieces (sizes from the first two bytes). The lines and what is left must be exactly
/// the bytes received, split at every newline.
enum ControlLinesTarget {
    static let target = FuzzTarget(
        name: "control-lines", summary: "ControlLineSplitter line splitting", run: run)

    static func run(_ data: UnsafeRawBufferPointer) {
        var input = FuzzInput(data)
        let pattern = input.take(2)
        let bytes = input.rest()
        var splitter = ControlLineSplitter()
        var lines: [[UInt8]] = []
        for piece in chunks(of: bytes, pattern: pattern) {
            splitter.append(piece)
            do throws(ControlStreamError) {
                while let line = try splitter.nextLine() { lines.append(Array(line)) }
            } catch {
                fuzzCheck(
                    bytes.count > ControlCoding.maximumResponseByteCount,
                    "a short input was refused: \(error)")
                return
            }
        }
        let expected = bytes.split(separator: 0x0a, omittingEmptySubsequences: false)
        fuzzCheck(
            lines.count == expected.count - 1, "\(lines.count) lines, not \(expected.count - 1)")
        fuzzCheck(
            zip(lines, expected).allSatisfy { $0[...] == $1 }, "a line differs from its bytes")
        fuzzCheck(
            splitter.heldBytes == expected.last ?? [], "the bytes held after the last line differ")
    }
}
