import Testing

@testable import KithNode

@Suite("Output buffer")
struct OutputBufferTests {
    @Test("bytes come out in order across partial writes and a full socket")
    func drainsInOrder() {
        var buffer = OutputBuffer()
        let chunks: [[UInt8]] = [
            Array(0..<10), Array(10..<20000).map { UInt8(truncatingIfNeeded: $0) }, [7, 7],
        ]
        for chunk in chunks { buffer.append(chunk) }
        #expect(buffer.count == chunks.reduce(0) { $0 + $1.count })
        var written: [UInt8] = []
        var budget = 3_000
        // A socket that takes at most 1,000 bytes per call and 3,000 per turn.
        func write(_ bytes: UnsafeRawBufferPointer) -> Int? {
            guard budget > 0 else { return nil }
            let count = min(bytes.count, 1_000, budget)
            written += bytes.prefix(count)
            budget -= count
            return count
        }
        while !buffer.isEmpty {
            budget = 3_000
            let taken = buffer.drain(into: write)
            #expect(taken <= 3_000)
        }
        #expect(written == chunks.flatMap { $0 })
        #expect(buffer.count == 0)
    }

    @Test("a write error stops draining and keeps what was not taken")
    func keepsBytesOnError() {
        struct Broken: Error {}
        var buffer = OutputBuffer()
        buffer.append([1, 2, 3])
        #expect(throws: Broken.self) {
            try buffer.drain { (_: UnsafeRawBufferPointer) throws(Broken) -> Int? in throw Broken()
            }
        }
        #expect(buffer.count == 3)
    }
}
