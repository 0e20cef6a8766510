import Foundation

/// Reads and writes ISO 8601 timestamps by hand: `DateFormatter` is slow, locale-sensitive and
/// awkward to share between threads, and case timestamps are parsed for every event in a stream.
/// All functions are pure, so they are safe to call from any thread.
public enum ISO8601 {
    /// "2026-03-01T09:00:00Z", "2026-03-01T09:00:00.250+02:00", "+0200", lower-case t/z, a space instead of T ("2026-03-01 09:00:00", as helpdesk CSV exports write it), seconds optional ("2026-03-01T09:00Z"). No zone means UTC.
    ///
    /// Returns nil for anything else, including out-of-range fields (month 13, 31 April,
    /// 29 February outside leap years, hour 24, second 60) and surrounding spaces.
    public static func parseTimestamp(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes in
            guard let seconds = timestampSeconds(bytes) else { return nil }
            return Date(timeIntervalSince1970: seconds)
        }
    }

    /// "2026-03-01" → midnight UTC that day; also accepts a full timestamp.
    ///
    /// A full timestamp gives its exact instant, not the start of its day.
    public static func parseDay(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes in
            if bytes.count == 10 {
                guard let days = dayNumber(bytes) else { return nil }
                return Date(timeIntervalSince1970: Double(days) * 86_400)
            }
            guard let seconds = timestampSeconds(bytes) else { return nil }
            return Date(timeIntervalSince1970: seconds)
        }
    }

    /// Always UTC, "2026-03-01T09:00:00Z"; milliseconds ("…:00.250Z") only when the time has a fraction.
    ///
    /// The fraction is rounded to the millisecond. Dates outside the years 0000–9999 are clamped
    /// to that range so the result always has the fixed shape.
    public static func format(_ date: Date) -> String {
        String(unsafeUninitializedCapacity: 24) { buffer in write(date, into: buffer.baseAddress!) }
    }

    /// Writes `format(date)` into `buffer`, which must hold 24 bytes; returns how many it wrote.
    /// Writers of many times (replay's JSON) use it to skip making a string per time.
    static func write(_ date: Date, into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var t = date.timeIntervalSince1970
        if t.isNaN { t = 0 }
        t = min(max(t, -62_167_219_200), 253_402_300_799.999)
        let totalMilliseconds = Int64((t * 1000).rounded())
        let (secondsPart, milliseconds) = floorDivide(totalMilliseconds, 1000)
        let (days, secondOfDay) = floorDivide(secondsPart, 86_400)
        let (year, month, day) = civil(fromDays: Int(days))
        let hour = Int(secondOfDay / 3600)
        let minute = Int(secondOfDay / 60 % 60)
        let second = Int(secondOfDay % 60)
        let length = milliseconds == 0 ? 20 : 24
        func put(_ value: Int, _ digits: Int, at offset: Int) {
            var v = value
            for k in stride(from: offset + digits - 1, through: offset, by: -1) {
                buffer[k] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                v /= 10
            }
        }
        put(year, 4, at: 0)
        buffer[4] = 0x2D
        put(month, 2, at: 5)
        buffer[7] = 0x2D
        put(day, 2, at: 8)
        buffer[10] = 0x54  // T
        put(hour, 2, at: 11)
        buffer[13] = 0x3A
        put(minute, 2, at: 14)
        buffer[16] = 0x3A
        put(second, 2, at: 17)
        if milliseconds != 0 {
            buffer[19] = 0x2E
            put(Int(milliseconds), 3, at: 20)
        }
        buffer[length - 1] = 0x5A  // Z
        return length
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, UTC)

    /// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
    static func days(fromCivilYear year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date for a number of days since 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    // MARK: - Parsing

    /// Two or four ASCII digits at `offset` as a number, or nil.
    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        guard offset >= 0, offset + count <= b.count else { return nil }
        var value = 0
        for k in offset..<offset + count {
            let d = b[k] &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }

    /// Days since 1970 for "YYYY-MM-DD" at the start of `b`, or nil if malformed or out of range.
    private static func dayNumber(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D,
              let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
              month >= 1, month <= 12, day >= 1, day <= daysInMonth(month, year: year) else { return nil }
        return days(fromCivilYear: year, month: month, day: day)
    }

    /// Seconds since 1970 for a full timestamp, or nil. Reads bytes in place, so a case read
    /// straight from its line needs no string per time.
    static func timestampSeconds(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard b.count >= 16, let days = dayNumber(b) else { return nil }
        let separator = b[10]
        guard separator == 0x54 || separator == 0x74 || separator == 0x20 else { return nil }  // T t space
        guard let hour = digits(b, 11, 2), b[13] == 0x3A, let minute = digits(b, 14, 2),
              hour <= 23, minute <= 59 else { return nil }
        var i = 16
        var second = 0
        var fraction = 0.0
        if i < b.count && b[i] == 0x3A {
            guard let s = digits(b, i + 1, 2), s <= 59 else { return nil }
            second = s
            i += 3
            if i < b.count && b[i] == 0x2E {  // .
                i += 1
                let start = i
                var numerator = 0
                var scale = 1
                while i < b.count, b[i] &- 0x30 < 10 {
                    if i - start < 9 {
                        numerator = numerator * 10 + Int(b[i] &- 0x30)
                        scale *= 10
                    }
                    i += 1
                }
                guard i > start else { return nil }
                fraction = Double(numerator) / Double(scale)
            }
        }
        var offsetSeconds = 0
        if i < b.count {
            let zone = b[i]
            if zone == 0x5A || zone == 0x7A {  // Z z
                guard i + 1 == b.count else { return nil }
            } else if zone == 0x2B || zone == 0x2D {  // + -
                guard let offsetHour = digits(b, i + 1, 2), offsetHour <= 23 else { return nil }
                var offsetMinute = 0
                let rest = b.count - (i + 3)
                if rest == 3 {
                    guard b[i + 3] == 0x3A, let m = digits(b, i + 4, 2) else { return nil }
                    offsetMinute = m
                } else if rest == 2 {
                    guard let m = digits(b, i + 3, 2) else { return nil }
                    offsetMinute = m
                } else if rest != 0 {
                    return nil
                }
                guard offsetMinute <= 59 else { return nil }
                offsetSeconds = (offsetHour * 3600 + offsetMinute * 60) * (zone == 0x2D ? -1 : 1)
            } else {
                return nil
            }
        }
        let whole = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        let seconds = Double(whole) + fraction
        // Years 0001 to 9998 only: a deadline a target after the time must still be a time the
        // output can write, rather than be clamped to 9999-12-31 without a word. The end is
        // checked as `format` rounds, to the millisecond, so no accepted time is written as 9999.
        guard whole >= earliestSeconds, (seconds * 1000).rounded() < Double(latestSeconds) * 1000 else { return nil }
        return seconds
    }

    /// 0001-01-01T00:00:00Z and 9999-01-01T00:00:00Z.
    static let earliestSeconds = -62_135_596_800
    static let latestSeconds = 253_370_764_800

    /// Whether a time lies in the years 0001–9998 as `format` writes it (to the millisecond), so
    /// the reader reads back what is written. For times that are moved after they are read (a
    /// time in a zone, say): a move can take a time accepted here out of those years.
    static func isWithinYears(_ date: Date) -> Bool {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        return milliseconds >= Double(earliestSeconds) * 1000 && milliseconds < Double(latestSeconds) * 1000
    }
}
