import Foundation
import Testing

/// End-to-end runs of the built `relief` binary, from a directory that holds no rules file.
@Suite("The relief binary")
struct BinaryTests {
    @Test("works from any directory with the embedded rules and no flags")
    func embeddedRules() throws {
        let run = try Binary.run(["triage", "--text", "Minu pakk on ikka kohale jõudmata, tellisin kaks nädalat tagasi"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("UNEXPECTED"))
        #expect(try Binary.run(["--version"]).stdout.hasPrefix("relief "))
    }

    @Test("--stream keeps the order of a long input through a pipe")
    func streamOrder() throws {
        let texts = ["thank you", "my card was stolen", "the parcel is late", "our wedding is on Saturday"]
        let input = (0..<3000).map { #"{"id": "C\#($0)", "text": "\#(texts[$0 % 4])"}"# }.joined(separator: "\n") + "\n"
        let run = try Binary.run(["triage", "--stream"], stdin: input)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 3000)
        for (i, line) in lines.enumerated() where !line.contains(#""caseId":"C\#(i)""#) {
            Issue.record("line \(i + 1) is out of order: \(line.prefix(60))")
            break
        }
    }

    @Test("no input, however broken, crashes it or prints a stack trace")
    func garbage() throws {
        var generator = SystemRandomNumberGenerator()
        var samples = ["", "{", "[]", "null", "{\"id\": 5}", "{\"id\": \"x\", \"events\": [1, 2]}", String(repeating: "[", count: 100_000),
                       "{\"id\": \"x\", \"openedAt\": \"2026-13-45T99:99:99Z\"}", "\u{FEFF}{\"id\": \"bom\"}"]
        for _ in 0..<5 {
            samples.append(String(decoding: (0..<200).map { _ in UInt8.random(in: 0...255, using: &generator) }, as: UTF8.self))
        }
        for sample in samples {
            for args in [["triage", "-"], ["triage", "--stream"]] {
                let run = try Binary.run(args, stdin: sample)
                #expect([0, 65].contains(run.status), "\(args) on \(sample.prefix(40).debugDescription): status \(run.status) \(run.stderr.prefix(300))")
                #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"), "\(run.stderr.prefix(300))")
            }
        }
    }
}
