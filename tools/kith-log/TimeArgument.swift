/// Reads a point in time typed on the command line as milliseconds since the Unix epoch (pure).
///
/// Accepted forms:
/// - a Unix time in milliseconds: `1795885200000`;
/// - an ISO 8601 date: `2026-11-28` (midnight UTC);
/// - an ISO 8601 date and time: `2026-11-28T17:00:00Z`, `2026-11-28T17:00Z`,
///   `2026-11-28T17:00:00.250+01:00`, `2026-11-28 17:00:00` (a space for `T` is allowed; without
///   `Z` or an offset the time is read as UTC).
enum TimeArgument {
    /// The instant `text` names, or nil when it is in none of the accepted forms or before 1970.
    static func milliseconds(from text: String) -> UInt64? {
        if !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) {
            return UInt64(text)
        }
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
            let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var secondsOfDay = 0
        var milliseconds = 0
        var offsetSeconds = 0
        if !scanner.isAtEnd {
            guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
                let hour = scanner.number(digits: 2), scanner.skip(":"),
                let minute = scanner.number(digits: 2),
                hour < 24, minute < 60
            else { return nil }
            var second = 0
            if scanner.skip(":") {
                guard let value = scanner.number(digits: 2), value < 60 else { return nil }
                second = value
                if scanner.skip(".") || scanner.skip(",") {
                    guard let fraction = scanner.fractionMilliseconds() else { return nil }
                    milliseconds = fraction
                }
            }
            secondsOfDay = hour * 3600 + minute * 60 + second
            guard let offset = scanner.zoneOffsetSeconds() else { return nil }
            offsetSeconds = offset
        }
        guard scanner.isAtEnd else { return nil }
        let seconds =
            daysFromCivil(year: year, month: month, day: day) * 86_400 + secondsOfDay
            - offsetSeconds
        guard seconds >= 0 else { return nil }
        return UInt64(seconds) * 1000 + UInt64(milliseconds)
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the date (Howard Hinnant's days_from_civil).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Reads the text byte by byte.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Exactly `digits` decimal digits.
        mutating func number(digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value
        }

        /// One or more digits after a decimal point, as milliseconds (digits past the third are
        /// dropped).
        mutating func fractionMilliseconds() -> Int? {
            var value = 0
            var count = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"),
                bytes[index] <= UInt8(ascii: "9")
            {
                if count < 3 { value = value * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 3) { value *= 10 }
            return value
        }

        /// `Z`, `+HH:MM`, `-HH:MM`, `+HHMM`, `+HH`, or nothing (UTC); nil for anything else.
        mutating func zoneOffsetSeconds() -> Int? {
            if isAtEnd { return 0 }
            if skip("Z") || skip("z") { return 0 }
            let sign: Int
            if skip("+") {
                sign = 1
            } else if skip("-") {
                sign = -1
            } else {
                return nil
            }
            guard let hours = number(digits: 2), hours < 24 else { return nil }
            var minutes = 0
            if !isAtEnd {
                _ = skip(":")
                guard let value = number(digits: 2), value < 60 else { return nil }
                minutes = value
            }
            return sign * (hours * 3600 + minutes * 60)
        }
    }
}
