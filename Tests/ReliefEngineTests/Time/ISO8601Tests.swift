import Foundation
import Testing
@testable import ReliefEngine

@Suite("ISO 8601 timestamps")
struct ISO8601Tests {
    @Test("accepts the timestamp shapes cases and exports use", arguments: [
        ("2026-03-01T09:00:00Z", 1_772_355_600.0),
        ("2026-03-01T09:00:00.250+02:00", 1_772_348_400.25),
        ("2026-03-01T09:00:00+0200", 1_772_348_400),
        ("2026-03-01T09:00:00+02", 1_772_348_400),
        ("2026-03-01T03:30:00-05:30", 1_772_355_600),
        ("2026-03-01t09:00:00z", 1_772_355_600),
        ("2026-03-01 09:00:00", 1_772_355_600),
        ("2026-03-01T09:00Z", 1_772_355_600),
        ("2026-03-01T09:00", 1_772_355_600),
        ("2026-03-01T09:00:00.5", 1_772_355_600.5),
        ("2026-03-01T09:00:00.123456789Z", 1_772_355_600.123456789),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
        ("2000-02-29T12:34:56Z", 951_827_696),
        ("1969-12-31T23:59:59Z", -1),
        ("1600-03-01T00:00:00Z", -11_670_912_000),
        ("9998-12-31T23:59:59Z", 253_370_764_799),
        ("0001-01-01T00:00:00Z", -62_135_596_800),
        ("2026-03-01T00:00:00-00:00", 1_772_323_200),
    ] as [(String, Double)])
    func valid(sample: (String, Double)) throws {
        let date = try #require(ISO8601.parseTimestamp(sample.0))
        #expect(abs(date.timeIntervalSince1970 - sample.1) < 1e-6, "input: \(sample.0)")
    }

    @Test("rejects malformed or out-of-range timestamps", arguments: [
        "9999-12-31T23:59:59Z", "0000-01-01T00:00:00+23:59", "9998-12-31T23:00:00-02:00",
        "",
        "2026-03-01",
        "2026-3-01T09:00:00Z",
        "26-03-01T09:00:00Z",
        "2026-13-01T09:00:00Z",
        "2026-00-01T09:00:00Z",
        "2026-02-29T09:00:00Z",
        "2025-04-31T09:00:00Z",
        "2026-03-00T09:00:00Z",
        "2026-03-01T24:00:00Z",
        "2026-03-01T09:60:00Z",
        "2026-03-01T09:00:60Z",
        "2026-03-01T09:00:00.Z",
        "2026-03-01T09:00.5Z",
        "2026-03-01T09Z",
        "2026-03-01X09:00:00Z",
        "2026-03-01T09:00:00ZZ",
        "2026-03-01T09:00:00Z ",
        " 2026-03-01T09:00:00Z",
        "2026-03-01T09:00:00+25:00",
        "2026-03-01T09:00:00+02:60",
        "2026-03-01T09:00:00+2:00",
        "2026-03-01T09:00:00+02:00x",
        "2026-03-01T09:00:00 UTC",
        "2026/03/01T09:00:00Z",
        "2026-03-01T09:0a:00Z",
    ])
    func invalid(text: String) {
        #expect(ISO8601.parseTimestamp(text) == nil, "input: \(text.debugDescription)")
    }

    @Test("a time that format would round into the year 9999 is refused; the last one kept reads back")
    func lastMillisecondOf9998() throws {
        // Found by FuzzISO8601: 9998-12-31T23:59:59.9997 was accepted, then written rounded to the
        // millisecond as 9999-01-01T00:00:00Z, a time the reader itself refuses.
        #expect(ISO8601.parseTimestamp("9998-12-31T23:59:59.9999Z") == nil)
        #expect(ISO8601.parseTimestamp("9998-12-31T23:59:59.99972730") == nil)
        for text in ["9998-12-31T23:59:59.999Z", "9998-12-31T23:59:59.9994Z"] {
            let date = try #require(ISO8601.parseTimestamp(text))
            #expect(ISO8601.format(date) == "9998-12-31T23:59:59.999Z")
            #expect(ISO8601.parseTimestamp(ISO8601.format(date)) != nil)
        }
    }

    @Test("29 February exists only in leap years")
    func leapYears() {
        for year in [2024, 2000, 1600, 2400, 1996] {
            #expect(ISO8601.parseDay("\(year)-02-29") != nil, "year \(year)")
        }
        for year in [2023, 1900, 2100, 2026] {
            #expect(ISO8601.parseDay("\(year)-02-29") == nil, "year \(year)")
        }
    }

    @Test("parseDay gives midnight UTC, or the exact instant of a full timestamp")
    func days() throws {
        #expect(ISO8601.parseDay("2026-03-01")?.timeIntervalSince1970 == 1_772_323_200)
        #expect(ISO8601.parseDay("1970-01-01")?.timeIntervalSince1970 == 0)
        #expect(ISO8601.parseDay("2026-03-01T09:00:00Z")?.timeIntervalSince1970 == 1_772_355_600)
        #expect(ISO8601.parseDay("2026-02-30") == nil)
        #expect(ISO8601.parseDay("2026-03-1") == nil)
        #expect(ISO8601.parseDay("2026-03-01 ") == nil)
    }

    @Test("format writes UTC with milliseconds only when there is a fraction")
    func formatting() {
        #expect(ISO8601.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_772_355_600.25)) == "2026-03-01T09:00:00.250Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 0.9996)) == "1970-01-01T00:00:01Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 0.0001)) == "1970-01-01T00:00:00Z")
        #expect(ISO8601.format(.distantFuture).hasPrefix("4001-01-01T00:00:00"))
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1e18)) == "9999-12-31T23:59:59.999Z")
    }

    @Test("formatting a parsed canonical timestamp gives back the same text", arguments: [
        "2026-03-01T09:00:00Z",
        "2026-03-01T09:00:00.250Z",
        "2026-03-01T09:00:00.001Z",
        "2024-02-29T23:59:59.999Z",
        "1999-12-31T23:59:59Z",
        "1900-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
    ])
    func roundTrip(text: String) throws {
        let date = try #require(ISO8601.parseTimestamp(text))
        #expect(ISO8601.format(date) == text)
    }

    @Test("format(parseTimestamp(x)) normalises any offset to UTC", arguments: [
        ("2026-03-01T09:00:00+02:00", "2026-03-01T07:00:00Z"),
        ("2026-03-01 01:30:00-05:00", "2026-03-01T06:30:00Z"),
        ("2026-03-01T01:00:00.5+0200", "2026-02-28T23:00:00.500Z"),
        ("2024-03-01T01:00:00+02:00", "2024-02-29T23:00:00Z"),
        ("2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00Z"),
        ("2026-03-01t09:00z", "2026-03-01T09:00:00Z"),
    ])
    func normalises(sample: (String, String)) throws {
        let date = try #require(ISO8601.parseTimestamp(sample.0))
        #expect(ISO8601.format(date) == sample.1)
    }

    @Test("day arithmetic agrees with Foundation's Gregorian calendar")
    func agreesWithCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var days = ISO8601.days(fromCivilYear: 1601, month: 1, day: 1)
        let last = ISO8601.days(fromCivilYear: 2400, month: 12, day: 31)
        while days <= last {
            let (year, month, day) = ISO8601.civil(fromDays: days)
            #expect(ISO8601.days(fromCivilYear: year, month: month, day: day) == days)
            let components = DateComponents(year: year, month: month, day: day)
            let expected = try #require(calendar.date(from: components))
            #expect(expected.timeIntervalSince1970 == Double(days) * 86_400, "\(year)-\(month)-\(day)")
            days += 37
        }
    }

    @Test("parsing is safe from many threads at once")
    func concurrent() async {
        let results = await withTaskGroup(of: String.self) { group in
            for hour in 0..<24 {
                group.addTask {
                    let text = "2026-03-01T\(hour < 10 ? "0" : "")\(hour):15:00+01:00"
                    return ISO8601.parseTimestamp(text).map(ISO8601.format) ?? "nil"
                }
            }
            var all: [String] = []
            for await result in group { all.append(result) }
            return all.sorted()
        }
        #expect(results.count == 24)
        #expect(results.first == "2026-02-28T23:15:00Z")
        #expect(results.last == "2026-03-01T22:15:00Z")
    }
}
