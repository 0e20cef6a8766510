import Testing
@testable import ReliefEngine

@Suite("ISO 8601 durations")
struct ISODurationTests {
    @Test("fixed-length durations and their seconds", arguments: [
        ("PT15M", 900.0),
        ("P1D", 86_400),
        ("P2W", 1_209_600),
        ("PT1H", 3600),
        ("PT30S", 30),
        ("PT1.5S", 1.5),
        ("PT0.25S", 0.25),
        ("PT0S", 0),
        ("P1DT2H30M", 95_400),
        ("PT1H30M15.5S", 5415.5),
        ("P1DT0.5H", 88_200),
        ("P1W2D", 777_600),
        ("P10DT0H", 864_000),
    ] as [(String, Double)])
    func valid(sample: (String, Double)) throws {
        let duration = try #require(ISODuration.parse(sample.0))
        #expect(duration.seconds == sample.1)
        #expect(duration.text == sample.0)
        #expect(duration.description == sample.0)
    }

    @Test("rejects years, months, negatives, empty and malformed durations", arguments: [
        "", "P", "PT", "P1Y", "P1M", "P1Y2D", "P1DT", "-PT1H", "PT-1H", "pt15m", "PT15m",
        "PT15", "P15", "PT1.S", "PT.5S", "PT1,5S", "PT1.5H30M", "PT30M1H", "P1H", "PT1D",
        "PT1M1M", "P1D1W", " PT1H", "PT1H ", "P1DTT1H", "15M", "PT1H-", "P1T2H",
    ])
    func invalid(text: String) {
        #expect(ISODuration.parse(text) == nil, "input: \(text.debugDescription)")
    }

    @Test("two spellings of the same length keep their own text")
    func spelling() throws {
        let minutes = try #require(ISODuration.parse("PT60M"))
        let hour = try #require(ISODuration.parse("PT1H"))
        #expect(minutes.seconds == hour.seconds)
        #expect(minutes != hour)
        #expect(ISODuration.parse("PT1H") == hour)
    }
}
