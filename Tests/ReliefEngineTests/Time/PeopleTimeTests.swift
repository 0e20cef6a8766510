import Foundation
import Testing
@testable import ReliefEngine

@Suite("Durations and times for people")
struct PeopleTimeTests {
    @Test("a duration is shown in its two largest units, rounded down", arguments: [
        (0.4, "0 s"), (45, "45 s"), (60, "1 min"), (90, "1 min 30 s"), (900, "15 min"), (5400, "1 h 30 min"),
        (14_400, "4 h"), (14_459, "4 h"), (86_400, "1 d"), (187_980, "2 d 4 h"), (-1500, "25 min"),
    ])
    func duration(seconds: Double, shown: String) {
        #expect(PeopleTime.duration(seconds) == shown)
    }

    @Test("Estonian readers get Estonian units")
    func estonian() {
        #expect(PeopleTime.duration(187_980, units: .forLanguage("et")) == "2 p 4 t")
        #expect(PeopleTime.duration(900, units: .forLanguage("ET")) == "15 min")
        #expect(PeopleTime.duration(3600, units: .forLanguage("fi")) == "1 h")
    }

    @Test("rules durations read as people say them")
    func rulesDuration() throws {
        #expect(PeopleTime.duration(try #require(ISODuration.parse("PT15M"))) == "15 min")
        #expect(PeopleTime.duration(try #require(ISODuration.parse("P1DT2H30M"))) == "1 d 2 h")
    }

    @Test("a time is shown to the minute in the reader's zone, with its offset")
    func time() throws {
        let date = try #require(ISO8601.parseTimestamp("2026-03-01T09:00:59.750Z"))
        #expect(PeopleTime.time(date, zone: try #require(TimeZone(identifier: "Europe/Tallinn"))) == "2026-03-01 11:00 +02:00")
        #expect(PeopleTime.time(date, zone: try #require(TimeZone(identifier: "UTC"))) == "2026-03-01 09:00 UTC")
        let summer = try #require(ISO8601.parseTimestamp("2026-07-01T21:30:00Z"))
        #expect(PeopleTime.time(summer, zone: try #require(TimeZone(identifier: "Europe/Tallinn"))) == "2026-07-02 00:30 +03:00")
        #expect(PeopleTime.time(summer, zone: try #require(TimeZone(identifier: "America/St_Johns"))) == "2026-07-01 19:00 -02:30")
    }
}
