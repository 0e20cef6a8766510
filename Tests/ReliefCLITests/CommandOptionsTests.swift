import Foundation
import Testing
@testable import ReliefCLI
@testable import ReliefEngine

/// Each command reads its options once into typed values; what is wrong is refused there, with
/// the option named.
@Suite("Command options, read once")
struct CommandOptionsTests {
    let env = CLIHarness.environment()


    func queue(_ arguments: [String]) throws(CLIError) -> QueueOptions {
        try QueueOptions.parse(try ParsedArguments.parse(arguments, spec: QueueCommand.spec), env, command: "relief queue")
    }

    func eval(_ arguments: [String]) throws(CLIError) -> EvalOptions {
        try EvalOptions.parse(try ParsedArguments.parse(arguments, spec: EvalCommand.spec), env, command: "relief eval")
    }

    func replay(_ arguments: [String]) throws(CLIError) -> ReplayOptions {
        try ReplayOptions.parse(try ParsedArguments.parse(arguments, spec: ReplayCommand.spec), env, command: "relief replay")
    }

    @Test("queue: the moment, the filter and the format are typed; audit options only with --record")
    func queueOptions() throws {
        let o = try queue(["open.jsonl", "--now", "2026-03-10T09:00:00Z", "--situation", "Crisis", "--owner", "duty-manager", "--format", "json"])
        #expect(o.paths == ["open.jsonl"])
        #expect(o.now == ISO8601.parseTimestamp("2026-03-10T09:00:00Z"))
        #expect(o.situation == .crisis)
        #expect(o.owner == "duty-manager")
        #expect(o.format == .json)
        #expect(!o.record)
        let plain = try queue(["open.jsonl"])
        #expect(plain.now == nil, "no --now is the clock, read when the desk is made")
        #expect(plain.format == .text)
        #expect(try queue(["open.jsonl", "--record", "--agent", "mari"]).record)

        #expect(usageMessage(queue, ["open.jsonl", "--agent", "mari"])
            == "'--agent' only goes with --record: the queue writes nothing to the audit log otherwise")
        #expect(usageMessage(queue, ["open.jsonl", "--now", "tomorrow"]) == "--now must be an ISO 8601 time such as 2026-03-10T09:00:00Z")
        #expect(usageMessage(queue, ["-", "-"]) == "'-' (standard input) can be given only once")
        #expect(usageMessage(queue, ["open.jsonl", "--situation", "panic"]) == "unknown value 'panic' for --situation; expected everyday, unexpected, elevated or crisis")
    }

    @Test("eval: the mode, the split, the gates as typed, and the labels file as its own cases")
    func evalOptions() throws {
        let o = try eval(["labels.tsv", "a.jsonl", "b.csv", "--peak", "--split", "check", "--misses", "0", "--min-agreement", "85%", "--min-crisis-recall", "80"])
        #expect(o.labelsPath == "labels.tsv")
        #expect(o.casePaths == ["a.jsonl", "b.csv"])
        #expect(o.mode == .peak)
        #expect(o.split == .check)
        #expect(o.missLimit == 0)
        #expect(o.minAgreement == PercentGate(value: 85, written: "85%"))
        #expect(o.minCrisisRecall == PercentGate(value: 80, written: "80"))
        let alone = try eval(["estonian.jsonl"])
        #expect(alone.casePaths == ["estonian.jsonl"])
        #expect(alone.mode == .first)
        #expect(alone.missLimit == nil)

        #expect(usageMessage(eval, ["l.tsv", "--first", "--peak"]) == "give either --first or --peak, not both")
        #expect(usageMessage(eval, ["l.tsv", "--misses", "-1"]) == "--misses must be a whole number, found '-1'")
        #expect(usageMessage(eval, ["l.tsv", "--min-agreement", "101"]) == "--min-agreement must be a percentage from 0 to 100, found '101'")
        #expect(usageMessage(eval, ["l.tsv", "--group", "colour"])?.hasPrefix("unknown --group 'colour'") == true)
    }

    @Test("replay: the moment it stands at, the coverage gate and where the report goes")
    func replayOptions() throws {
        let o = try replay(["h.jsonl", "--as-of", "case-end", "--min-coverage", "90", "--out", "report.html", "--relief-curve", "--format", "html"])
        #expect(o.asOf == .caseEnd)
        #expect(o.minCoverage == PercentGate(value: 90, written: "90"))
        #expect(o.out == "report.html")
        #expect(o.reliefCurve)
        #expect(o.format == .html)
        #expect(try replay(["h.jsonl", "--as-of", "2026-03-31"]).asOf == .time(ISO8601.parseDay("2026-03-31")!))
        #expect(usageMessage(replay, ["h.jsonl", "--as-of", "soon"])
            == "--as-of must be an ISO 8601 time such as 2026-03-31T17:00:00Z, or case-end, found 'soon'")
        #expect(usageMessage(replay, ["h.jsonl", "--min-coverage", "x%"]) == "--min-coverage must be a percentage from 0 to 100, found 'x%'")
    }
}
