import Foundation

extension TimeFormatting {
    /// The local time zone's offset from UTC, in seconds, at the instant `millisecondsSinceEpoch`
    /// (daylight saving time included). Reads the system's time zone settings (`TZ`, `/etc/localtime`).
    public static func localOffsetSeconds(at millisecondsSinceEpoch: UInt64) -> Int {
        let date = Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000)
        return TimeZone.current.secondsFromGMT(for: date)
    }
}
