/// Turns entry timestamps (milliseconds since the Unix epoch, UTC) into text.
///
/// Pure: the caller supplies the UTC offset for local times (see ``localOffsetSeconds(at:)``).
/// Uses the proleptic Gregorian calendar, as ISO 8601 does.
public enum TimeFormatting {
    /// `2024-05-01T12:34:56.789Z`.
    public static func iso8601UTC(millisecondsSinceEpoch milliseconds: UInt64) -> String {
        let fields = CivilTime(millisecondsSinceEpoch: milliseconds, offsetSeconds: 0)
        return "\(fields.datePart)T\(fields.timePart(seconds: true)).\(pad(fields.millisecond, 3))Z"
    }

    /// `14:05`: the local wall-clock time, given the local offset from UTC in seconds.
    public static func localClockTime(
        millisecondsSinceEpoch milliseconds: UInt64, offsetSeconds: Int
    )
        -> String
    {
        CivilTime(millisecondsSinceEpoch: milliseconds, offsetSeconds: offsetSeconds).timePart(
            seconds: false)
    }

    /// `2024-05-01 14:05`: the local date and wall-clock time, given the local offset from UTC.
    public static func localDateTime(
        millisecondsSinceEpoch milliseconds: UInt64, offsetSeconds: Int
    )
        -> String
    {
        let fields = CivilTime(millisecondsSinceEpoch: milliseconds, offsetSeconds: offsetSeconds)
        return fields.datePart + " " + fields.timePart(seconds: false)
    }

    /// `2024-05-01 14:05:09`: the local date and time to the second, for log lines.
    public static func localLogTime(millisecondsSinceEpoch milliseconds: UInt64, offsetSeconds: Int)
        -> String
    {
        let fields = CivilTime(millisecondsSinceEpoch: milliseconds, offsetSeconds: offsetSeconds)
        return fields.datePart + " " + fields.timePart(seconds: true)
    }

    /// `Friday 4 December 2026`: the local day, given the local offset from UTC in seconds
    /// (English names, as the chat's other words).
    public static func localDay(millisecondsSinceEpoch milliseconds: UInt64, offsetSeconds: Int)
        -> String
    {
        let fields = CivilTime(millisecondsSinceEpoch: milliseconds, offsetSeconds: offsetSeconds)
        let weekdays = [
            "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        ]
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ]
        return
            "\(weekdays[fields.weekday]) \(fields.day) \(months[fields.month - 1]) \(fields.year)"
    }

    /// `n` in decimal, left-padded with zeros to `width` digits.
    static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Calendar fields of an instant shifted by a UTC offset.
private struct CivilTime {
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    let second: Int
    let millisecond: Int
    /// 0 for Sunday to 6 for Saturday.
    let weekday: Int

    init(millisecondsSinceEpoch milliseconds: UInt64, offsetSeconds: Int) {
        // UInt64.max milliseconds is about 1.8e16 seconds: far inside Int's range.
        let totalSeconds = Int(milliseconds / 1000) + offsetSeconds
        millisecond = Int(milliseconds % 1000)
        let days = totalSeconds.floorDivided(by: 86_400)
        let secondOfDay = totalSeconds - days * 86_400
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
        // 1 January 1970 was a Thursday.
        let weekdayOffset = (days + 4) % 7
        weekday = weekdayOffset < 0 ? weekdayOffset + 7 : weekdayOffset
        // Howard Hinnant's civil_from_days.
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    var datePart: String {
        let yearText = year < 0 ? "-" + TimeFormatting.pad(-year, 4) : TimeFormatting.pad(year, 4)
        return "\(yearText)-\(TimeFormatting.pad(month, 2))-\(TimeFormatting.pad(day, 2))"
    }

    func timePart(seconds: Bool) -> String {
        let base = "\(TimeFormatting.pad(hour, 2)):\(TimeFormatting.pad(minute, 2))"
        return seconds ? base + ":" + TimeFormatting.pad(second, 2) : base
    }
}

extension Int {
    /// Division rounding toward negative infinity.
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
