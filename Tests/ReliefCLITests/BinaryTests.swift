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

    @Test("--stream answers an agent that writes one line and waits for its answer before the next")
    func streamAnswersLineByLine() throws {
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["triage", "--stream", "--no-audit"]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "RELIEF_RULES")
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Answers are collected on another thread, so a stream that waits for the end of its
        // input fails this test after a timeout instead of hanging it.
        let answers = AnswerLines()
        let reader = output.fileHandleForReading
        DispatchQueue.global().async {
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { answers.finish(); return }
                answers.append(chunk)
            }
        }
        for (i, text) in ["my card was stolen", "the parcel is late", "thank you"].enumerated() {
            input.fileHandleForWriting.write(Data(#"{"id": "A\#(i)", "text": "\#(text)"}"#.utf8 + [0x0A]))
            guard let answer = answers.next(timeout: 20) else {
                Issue.record("no answer to line \(i + 1) while the input stays open")
                process.terminate()
                return
            }
            #expect(answer.contains(#""caseId":"A\#(i)""#), "\(answer.prefix(80))")
        }
        // A whole line and the start of the next in one write: the whole line is answered
        // while the rest of the next is still to come.
        input.fileHandleForWriting.write(Data(#"{"id": "B1", "text": "thank you"}"#.utf8 + [0x0A] + Array(#"{"id": "B2", "te"#.utf8)))
        let first = answers.next(timeout: 20)
        #expect(first?.contains(#""caseId":"B1""#) == true, "no answer to the whole line while the next is half written")
        input.fileHandleForWriting.write(Data(#"xt": "my card was stolen"}"#.utf8 + [0x0A]))
        #expect(answers.next(timeout: 20)?.contains(#""caseId":"B2""#) == true)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
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

/// Lines read from a child's output on one thread and taken one at a time on another.
private final class AnswerLines: @unchecked Sendable {
    private let lock = NSLock()
    private let arrived = DispatchSemaphore(value: 0)
    private var pending = Data()
    private var lines: [String] = []

    func append(_ chunk: Data) {
        lock.lock()
        pending.append(chunk)
        var count = 0
        while let newline = pending.firstIndex(of: 0x0A) {
            lines.append(String(decoding: pending[..<newline], as: UTF8.self))
            pending = Data(pending[(newline + 1)...])
            count += 1
        }
        lock.unlock()
        for _ in 0..<count { arrived.signal() }
    }

    func finish() { arrived.signal() }

    /// The next whole line, or nil if none came within `timeout` seconds or the output ended.
    func next(timeout: Double) -> String? {
        guard arrived.wait(timeout: .now() + timeout) == .success else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return lines.isEmpty ? nil : lines.removeFirst()
    }
}

@Suite("Output that cannot be written")
struct OutputFailureTests {
    @Test("every command exits 74 with one message when standard output cannot be written (a full disk)",
          arguments: [["triage", "--no-audit", "--text", "my parcel is late"], ["rules", "show"], ["rules", "check"], ["help"]])
    func fullDisk(arguments: [String]) throws {
        guard FileManager.default.isWritableFile(atPath: "/dev/full") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74, "\(arguments)")
        #expect(message == "relief: error: could not write to standard output\n", "\(arguments)")
    }
}
