import Foundation

/// How the times in a helpdesk export are written: ISO 8601, or a pattern such as
/// `dd.MM.yyyy HH:mm[:ss]` (what Excel in an Estonian locale writes), and the zone a time
/// written without an offset is in.
///
/// Pattern letters: `yyyy` year, `MM`/`M` month, `dd`/`d` day, `HH`/`H` hour (0–23), `mm`
/// minute, `ss` second; a part in `[ ]` may be left out; anything else is matched as written.
/// The two-letter forms take exactly two digits, the one-letter forms one or two.
public struct TimePattern: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case year, month(Bool), day(Bool), hour(Bool), minute, second
        case literal(UInt8)
        case optional([Piece])
    }

    /// The pattern as given, or "iso8601".
    public let text: String
    let pieces: [Piece]?
    /// The zone of times without an offset; UTC when nil.
    public var zone: TimeZone?

    /// ISO 8601, offset-less times in `zone` (UTC when nil).
    public static func iso8601(zone: TimeZone? = nil) -> TimePattern {
        TimePattern(text: "iso8601", pieces: nil, zone: zone)
    }

    /// A problem with a pattern, worded for the person who wrote it.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
    }

    /// Parses a pattern; "iso8601" (any case) is ISO 8601.
    public static func parse(_ text: String, zone: TimeZone? = nil) throws(Problem) -> TimePattern {
        if text.lowercased() == "iso8601" || text.lowercased() == "iso" { return .iso8601(zone: zone) }
        var bytes = Array(text.utf8)[...]
        let pieces = try pieceList(&bytes, nested: false, whole: text)
        let flat = flatten(pieces)
        for (required, name) in [(Piece.year, "yyyy"), (.minute, "mm")] where !flat.contains(required) {
            throw Problem(message: "the time format '\(text)' has no \(name)")
        }
        guard flat.contains(where: { if case .month = $0 { return true }; return false }),
              flat.contains(where: { if case .day = $0 { return true }; return false }),
              flat.contains(where: { if case .hour = $0 { return true }; return false })
        else { throw Problem(message: "the time format '\(text)' needs a day (dd), a month (MM) and an hour (HH)") }
        return TimePattern(text: text, pieces: pieces, zone: zone)
    }

    private static func flatten(_ pieces: [Piece]) -> [Piece] {
        pieces.flatMap { piece -> [Piece] in
            if case .optional(let inner) = piece { return flatten(inner) }
            return [piece]
        }
    }

    private static func pieceList(_ bytes: inout ArraySlice<UInt8>, nested: Bool, whole: String) throws(Problem) -> [Piece] {
        var pieces: [Piece] = []
        while let b = bytes.first {
            if b == UInt8(ascii: "]") {
                guard nested else { throw Problem(message: "the time format '\(whole)' closes a ']' it did not open") }
                bytes.removeFirst()
                return pieces
            }
            if b == UInt8(ascii: "[") {
                bytes.removeFirst()
                guard !nested else { throw Problem(message: "the time format '\(whole)' nests '[ ]'") }
                let inner = try pieceList(&bytes, nested: true, whole: whole)
                pieces.append(.optional(inner))
                continue
            }
            let run = bytes.prefix { $0 == b }.count
            let isLetter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
            guard isLetter else {
                pieces.append(.literal(b))
                bytes.removeFirst()
                continue
            }
            let piece: Piece
            switch (b, run) {
            case (UInt8(ascii: "y"), 4): piece = .year
            case (UInt8(ascii: "M"), 1), (UInt8(ascii: "M"), 2): piece = .month(run == 2)
            case (UInt8(ascii: "d"), 1), (UInt8(ascii: "d"), 2): piece = .day(run == 2)
            case (UInt8(ascii: "H"), 1), (UInt8(ascii: "H"), 2): piece = .hour(run == 2)
            case (UInt8(ascii: "m"), 2): piece = .minute
            case (UInt8(ascii: "s"), 2): piece = .second
            default:
                let letters = String(decoding: bytes.prefix(run), as: UTF8.self)
                throw Problem(message: "'\(letters)' in the time format '\(whole)' is not a pattern part; use yyyy, MM, dd, HH, mm and ss")
            }
            pieces.append(piece)
            bytes.removeFirst(run)
        }
        if nested { throw Problem(message: "the time format '\(whole)' opens a '[' it does not close") }
        return pieces
    }

    /// The time `text` stands for, or nil when it does not fit the pattern or is not a real time.
    /// Like an ISO 8601 time, it must lie in the years 0001–9998 once its zone is taken off:
    /// 31.12.9998 23:59 at UTC-12 is 9999-01-01T11:59:00Z, which relief would write but not read.
    public func date(_ text: String) -> Date? {
        guard let date = instant(text), ISO8601.isWithinYears(date) else { return nil }
        return date
    }

    private func instant(_ text: String) -> Date? {
        guard let pieces else {
            guard let date = ISO8601.parseTimestamp(text) ?? ISO8601.parseDay(text) else { return nil }
            guard let zone, !Self.hasOffset(text) else { return date }
            return Self.fromLocal(date.timeIntervalSince1970, zone: zone)
        }
        var fields = Fields()
        let bytes = Array(text.utf8)
        guard let end = Self.match(pieces, bytes, 0, &fields), end == bytes.count else { return nil }
        guard fields.month >= 1, fields.month <= 12, fields.year >= 1, fields.year <= 9998,
              fields.day >= 1, fields.day <= ISO8601.daysInMonth(fields.month, year: fields.year),
              fields.hour <= 23, fields.minute <= 59, fields.second <= 59 else { return nil }
        let days = ISO8601.days(fromCivilYear: fields.year, month: fields.month, day: fields.day)
        let local = Double(days * 86_400 + fields.hour * 3600 + fields.minute * 60 + fields.second)
        guard let zone else { return Date(timeIntervalSince1970: local) }
        return Self.fromLocal(local, zone: zone)
    }

    private struct Fields {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
    }

    /// Matches `pieces` at `start`; returns where the match ends. An optional part is taken
    /// when it matches and what follows it still matches.
    private static func match(_ pieces: [Piece], _ b: [UInt8], _ start: Int, _ fields: inout Fields) -> Int? {
        var i = start
        for (k, piece) in pieces.enumerated() {
            switch piece {
            case .literal(let c):
                guard i < b.count, b[i] == c else { return nil }
                i += 1
            case .optional(let inner):
                var tried = fields
                let rest = Array(pieces[(k + 1)...])
                if let j = match(inner, b, i, &tried), let end = match(rest, b, j, &tried) {
                    fields = tried
                    return end
                }
                return match(rest, b, i, &fields)
            default:
                let (minDigits, maxDigits): (Int, Int)
                switch piece {
                case .year: (minDigits, maxDigits) = (4, 4)
                case .month(let two), .day(let two), .hour(let two): (minDigits, maxDigits) = two ? (2, 2) : (1, 2)
                default: (minDigits, maxDigits) = (2, 2)
                }
                var value = 0, n = 0
                while n < maxDigits, i < b.count, b[i] &- 0x30 < 10 {
                    value = value * 10 + Int(b[i] &- 0x30)
                    i += 1
                    n += 1
                }
                guard n >= minDigits else { return nil }
                switch piece {
                case .year: fields.year = value
                case .month: fields.month = value
                case .day: fields.day = value
                case .hour: fields.hour = value
                case .minute: fields.minute = value
                default: fields.second = value
                }
            }
        }
        return i
    }

    /// Whether an ISO 8601 time carries its own offset (Z, +02:00, -0500) after its date.
    static func hasOffset(_ text: String) -> Bool {
        let time = text.utf8.dropFirst(10)
        return time.contains { $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: "z") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
    }

    /// The instant at which clocks in `zone` show `local` (seconds since 1970 as if UTC). In the
    /// hour skipped when clocks go forward, the offset before the change is used.
    static func fromLocal(_ local: Double, zone: TimeZone) -> Date {
        let first = zone.secondsFromGMT(for: Date(timeIntervalSince1970: local))
        let second = zone.secondsFromGMT(for: Date(timeIntervalSince1970: local - Double(first)))
        return Date(timeIntervalSince1970: local - Double(second))
    }
}
