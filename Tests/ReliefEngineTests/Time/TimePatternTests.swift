import Foundation
import Testing
@testable import ReliefEngine

@Suite("Time patterns for exports")
struct TimePatternTests {
    let tallinn = TimeZone(identifier: "Europe/Tallinn")!

    func iso(_ date: Date?) -> String? { date.map(ISO8601.format) }

    @Test("Estonian exports: day first with dots, seconds optional, read in the team's zone")
    func estonian() throws {
        let pattern = try TimePattern.parse("dd.MM.yyyy HH:mm[:ss]", zone: tallinn)
        #expect(iso(pattern.date("02.03.2026 14:05")) == "2026-03-02T12:05:00Z")
        #expect(iso(pattern.date("02.03.2026 14:05:30")) == "2026-03-02T12:05:30Z")
        // Summer time: three hours ahead of UTC.
        #expect(iso(pattern.date("15.07.2026 09:00")) == "2026-07-15T06:00:00Z")
        #expect(pattern.date("2.3.2026 14:05") == nil, "dd takes exactly two digits")
        #expect(pattern.date("31.04.2026 10:00") == nil, "no 31 April")
        #expect(pattern.date("02.03.2026 24:00") == nil)
        #expect(pattern.date("02.03.2026 14:05 ") == nil, "nothing may follow")
        #expect(pattern.date("02.03.2026") == nil)
    }

    @Test("one-letter parts take one or two digits; without a zone a time is UTC")
    func looseDigits() throws {
        let pattern = try TimePattern.parse("d.M.yyyy H:mm")
        #expect(iso(pattern.date("2.3.2026 9:05")) == "2026-03-02T09:05:00Z")
        #expect(iso(pattern.date("12.11.2026 19:05")) == "2026-11-12T19:05:00Z")
        let us = try TimePattern.parse("MM/dd/yyyy HH:mm")
        #expect(iso(us.date("03/02/2026 14:05")) == "2026-03-02T14:05:00Z")
    }

    @Test("ISO 8601 is the default: times with an offset keep it, times without are in the zone")
    func iso8601() {
        let pattern = TimePattern.iso8601(zone: tallinn)
        #expect(iso(pattern.date("2026-03-02 14:05:00")) == "2026-03-02T12:05:00Z")
        #expect(iso(pattern.date("2026-03-02T14:05:00Z")) == "2026-03-02T14:05:00Z")
        #expect(iso(pattern.date("2026-03-02T14:05:00-05:00")) == "2026-03-02T19:05:00Z")
        #expect(iso(TimePattern.iso8601().date("2026-03-02 14:05")) == "2026-03-02T14:05:00Z")
    }

    @Test("a zone cannot move a time out of the years 0001–9998: such a time is refused, as ISO 8601 refuses it")
    func zoneAtTheEnds() throws {
        // Found by FuzzExportTimes: 1.1.0001 0:00 at UTC+14 was read as 0000-12-31T10:00:00Z, and
        // 31.12.9998 23:59 at UTC-12 as 9999-01-01T11:59:00Z, times relief then writes but its
        // own reader refuses (and a deadline after them is clamped without a word).
        let ahead = try TimePattern.parse("d.M.yyyy H:mm", zone: TimeZone(secondsFromGMT: 14 * 3600))
        let behind = try TimePattern.parse("d.M.yyyy H:mm", zone: TimeZone(secondsFromGMT: -12 * 3600))
        #expect(ahead.date("1.1.0001 0:00") == nil)
        #expect(behind.date("31.12.9998 23:59") == nil)
        #expect(TimePattern.iso8601(zone: TimeZone(secondsFromGMT: -12 * 3600)).date("9998-12-31 23:59:00") == nil)
        #expect(TimePattern.iso8601(zone: TimeZone(secondsFromGMT: 14 * 3600)).date("0001-01-01") == nil)
        // The last times each end keeps are ones the reader reads back.
        for (pattern, text) in [(ahead, "1.1.0001 14:00"), (behind, "31.12.9998 11:59")] {
            let written = try #require(iso(pattern.date(text)))
            #expect(ISO8601.parseTimestamp(written) != nil, "\(text) is written \(written)")
        }
        #expect(iso(ahead.date("1.1.0001 14:00")) == "0001-01-01T00:00:00Z")
        #expect(iso(behind.date("31.12.9998 11:59")) == "9998-12-31T23:59:00Z")
    }

    @Test("a pattern that cannot be a time is refused with a reason", arguments: [
        ("dd.MM.yy HH:mm", "'yy'"), ("dd.MM.yyyy", "no mm"), ("yyyy-MM-dd HH:mm[:ss", "does not close"),
        ("yyyy-MM-dd HH:mm:ss]", "did not open"), ("yyyy mm", "needs a day"), ("yyyy-MM-dd hh:mm", "'hh'"),
    ])
    func refused(pattern: String, reason: String) {
        do {
            _ = try TimePattern.parse(pattern)
            Issue.record("'\(pattern)' was accepted")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }
}
