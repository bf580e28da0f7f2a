import Foundation
import KithCommandLine
import Testing

@Suite("TimeFormatting")
struct TimeFormattingTests {
    @Test("the epoch, a leap day and milliseconds in ISO 8601 UTC")
    func knownInstants() {
        #expect(TimeFormatting.iso8601UTC(millisecondsSinceEpoch: 0) == "1970-01-01T00:00:00.000Z")
        #expect(
            TimeFormatting.iso8601UTC(millisecondsSinceEpoch: 951_782_400_000)
                == "2000-02-29T00:00:00.000Z")
        #expect(
            TimeFormatting.iso8601UTC(millisecondsSinceEpoch: 1_700_000_000_123)
                == "2023-11-14T22:13:20.123Z")
    }

    @Test("ISO 8601 output agrees with Foundation's formatter across four centuries")
    func agreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            // Seconds from 1970 to about 2370, plus a millisecond part.
            let milliseconds = generator.next() % 12_600_000_000_000
            let date = Date(timeIntervalSince1970: Double(milliseconds / 1000))
            let expectedPrefix = String(formatter.string(from: date).prefix(19))
            let formatted = TimeFormatting.iso8601UTC(millisecondsSinceEpoch: milliseconds)
            #expect(formatted.prefix(19) == expectedPrefix, "\(milliseconds)")
            #expect(formatted.hasSuffix(String(format: ".%03dZ", Int(milliseconds % 1000))))
        }
    }

    @Test("local times apply the offset, across midnight in both directions")
    func localTimes() {
        #expect(
            TimeFormatting.localClockTime(millisecondsSinceEpoch: 0, offsetSeconds: 3600) == "01:00"
        )
        #expect(
            TimeFormatting.localClockTime(millisecondsSinceEpoch: 0, offsetSeconds: -3600)
                == "23:00")
        #expect(
            TimeFormatting.localDateTime(millisecondsSinceEpoch: 0, offsetSeconds: -3600)
                == "1969-12-31 23:00")
        #expect(
            TimeFormatting.localDateTime(
                millisecondsSinceEpoch: 1_700_000_000_123, offsetSeconds: 5 * 3600 + 1800)
                == "2023-11-15 03:43"
        )
        #expect(
            TimeFormatting.localLogTime(
                millisecondsSinceEpoch: 1_700_000_009_123, offsetSeconds: 5 * 3600 + 1800)
                == "2023-11-15 03:43:29")
    }

    @Test("the local offset comes from the system time zone")
    func localOffset() {
        let now = UInt64(Date().timeIntervalSince1970 * 1000)
        #expect(
            TimeFormatting.localOffsetSeconds(at: now)
                == TimeZone.current.secondsFromGMT(
                    for: Date(timeIntervalSince1970: Double(now) / 1000)))
    }

    @Test("the largest timestamps format without trapping")
    func extremes() {
        let formatted = TimeFormatting.iso8601UTC(millisecondsSinceEpoch: UInt64.max)
        #expect(formatted.hasSuffix(".615Z"))
    }
}

/// A small deterministic pseudo-random generator for spreading test inputs.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
