import Foundation
import Testing

/// Several `relief` processes writing one log at once, and processes killed mid-write.
@Suite("Audit log under concurrent and interrupted writers", .serialized)
struct AuditConcurrencyTests {
    /// Starts `relief triage --stream` feeding it `count` cases in small pieces, so the
    /// processes' group commits interleave.
    /// Collects a child's stdout on a background thread, so the child never blocks on it.
    final class Drain: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ pipe: Pipe) {
            Thread {
                self.data = pipe.fileHandleForReading.readDataToEndOfFile()
                self.done.signal()
            }.start()
        }
        func wait() -> Data {
            done.wait()
            return data
        }
    }

    func startWriter(log: String, prefix: String, count: Int) throws -> (Process, Drain, Thread) {
        // Writing to a killed child's pipe must fail with EPIPE, not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["triage", "--stream", "--audit-log", log, "--agent", prefix]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let texts = ["the parcel is late", "thank you", "my card was stolen", "I want to cancel"]
        let feeder = Thread {
            var lines: [String] = []
            for i in 0..<count {
                lines.append(#"{"id": "\#(prefix)-\#(i)", "text": "\#(texts[i % 4])"}"#)
                if lines.count == 10 || i == count - 1 {
                    try? input.fileHandleForWriting.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
                    lines.removeAll()
                    usleep(1000)
                }
            }
            try? input.fileHandleForWriting.close()
        }
        feeder.start()
        return (process, Drain(output), feeder)
    }

    @Test("4 processes writing 500 decisions each lose nothing, never interleave, and the log verifies")
    func concurrentWriters() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("audit.jsonl").path
        var writers: [(Process, Drain, Thread)] = []
        for w in 0..<4 { writers.append(try startWriter(log: log, prefix: "W\(w)", count: 500)) }
        var printed = 0
        for (process, output, _) in writers {
            let data = output.wait()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            printed += data.split(separator: UInt8(ascii: "\n")).count
        }
        #expect(printed == 2000)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2000)
        let ids = Set(lines.compactMap { line -> String? in
            guard let range = line.range(of: #""caseId":""#) else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "\"" })
        })
        #expect(ids.count == 2000, "every case recorded exactly once")
        let verify = try Binary.run(["audit", "verify", log])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("intact, 2000 entries"))
    }

    @Test("writers killed at random moments leave at most a torn last line; the next writer recovers and every printed decision is in the log")
    func killedWriters() throws {
        let dir = CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("audit.jsonl").path
        var printedIds = Set<String>()
        for round in 0..<8 {
            let (process, output, feeder) = try startWriter(log: log, prefix: "K\(round)", count: 3000)
            usleep(UInt32.random(in: 20_000...250_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            _ = feeder
            let data = output.wait()
            for line in data.split(separator: UInt8(ascii: "\n")) {
                let text = String(decoding: line, as: UTF8.self)
                // A line cut by the kill is not a printed decision.
                guard text.hasSuffix("}"), let range = text.range(of: #""caseId":""#) else { continue }
                printedIds.insert(String(text[range.upperBound...].prefix { $0 != "\"" }))
            }
        }
        // The next writer notices any torn tail, moves it aside and goes on.
        let after = try Binary.run(["triage", "--audit-log", log, "--text", "hello after the crash"])
        #expect(after.status == 0)
        let verify = try Binary.run(["audit", "verify", log])
        #expect(verify.status == 0, "\(verify.stdout)")
        let logged = try String(contentsOfFile: log, encoding: .utf8)
        let missing = printedIds.filter { !logged.contains(#""caseId":"\#($0)""#) }
        #expect(missing.isEmpty, "printed but not recorded: \(missing.prefix(5))")
    }
}
