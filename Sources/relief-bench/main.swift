import Foundation
import ReliefEngine

// relief-bench: deterministic data and the figures in docs/performance.md.
//   relief-bench generate --cases N [--seed S] [--history-scale K]   JSON Lines of cases on stdout
//   relief-bench generate --stream --cases N [--seed S]              JSON Lines of single messages, as `triage --stream` reads them
//   relief-bench generate --open --cases N [--seed S]                JSON Lines of open cases, as `queue` reads them (now: 2026-03-10T09:00Z)
//   relief-bench [--cases N] [--replay-cases N,M] [--queue-cases N] [--seed S]   every figure, one `name: value unit` line each
//   relief-bench --queue-only [--queue-cases N]                      only the desk's figures

func option(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
    return fallback
}

func emit(_ name: String, _ value: Double, _ unit: String, decimals: Int = 1) {
    print("\(name): \(String(format: "%.\(decimals)f", value)) \(unit)")
    fflush(nil)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? 0 : s[s.count / 2]
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func writeCases(_ path: String, count: Int, seed: UInt64, historyScale: Int = 1) -> Int {
    var generator = CaseGenerator(seed: seed)
    generator.historyScale = historyScale
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = FileHandle(forWritingAtPath: path)!
    var buffer = ""
    var events = 0
    for i in 0..<count {
        let line = generator.nextCase(i)
        events += line.components(separatedBy: "\"type\":\"message\"").count - 1
        buffer += line + "\n"
        if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
    }
    handle.write(Data(buffer.utf8))
    try? handle.close()
    return events
}

/// One line of `triage --stream` input: a single customer message of about 400 characters.
func streamLine(_ i: Int, _ generator: inout CaseGenerator) -> String {
    let language = generator.int(0...1) == 0 ? "et" : "en"
    let text = generator.message(language, Situation.allCases[generator.int(0...3)])
    return JSONWriter.write(.object([
        "id": .string("T-\(i)"), "openedAt": .string("2026-03-01T09:00:00Z"),
        "channel": .string("email"), "text": .string(text),
    ])) + "\n"
}

let seed = UInt64(option("--seed", "42")) ?? 42
/// The moment the desk's open cases are generated for: 2026-03-10T09:00:00Z.
let queueNow = 1_773_133_200

/// Writes `count` open cases to `path`, as the desk reads them.
func writeOpenCases(_ path: String, count: Int, seed: UInt64) {
    var generator = CaseGenerator(seed: seed)
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = FileHandle(forWritingAtPath: path)!
    var buffer = ""
    for i in 0..<count {
        buffer += generator.nextOpenCase(i, now: queueNow) + "\n"
        if buffer.utf8.count > 1 << 20 { handle.write(Data(buffer.utf8)); buffer = "" }
    }
    handle.write(Data(buffer.utf8))
    try? handle.close()
}

/// The desk: `relief queue` on open cases, and on full histories for comparison. Each time is
/// the median of three runs; the doubling ratio (twice the cases over the cases) is 2 when the
/// cost is linear.
func queueFigures(relief: String, scratch: URL) {
    let now = ISO8601.format(Date(timeIntervalSince1970: Double(queueNow)))
    let count = Int(option("--queue-cases", "100000")) ?? 100_000
    func time(_ file: String, at moment: String) -> Spawned? {
        let runs = (0..<3).map { _ in Spawn.run(relief, ["queue", file, "--now", moment]) }
        guard runs.allSatisfy({ $0.status == 0 }) else { print("queue: failed with status \(runs.map(\.status))"); return nil }
        let sorted = runs.sorted { $0.seconds < $1.seconds }
        return sorted[1]
    }
    let one = scratch.appendingPathComponent("open-\(count).jsonl").path
    let two = scratch.appendingPathComponent("open-\(count * 2).jsonl").path
    writeOpenCases(one, count: count, seed: seed)
    writeOpenCases(two, count: count * 2, seed: seed)
    _ = Spawn.run(relief, ["queue", one, "--now", now])   // warm the file cache
    if let a = time(one, at: now), let b = time(two, at: now) {
        emit("queue_open_\(count)_seconds", a.seconds, "s", decimals: 2)
        emit("queue_open_\(count)_peak_rss", a.peakRSSMegabytes, "MB")
        emit("queue_open_\(count * 2)_seconds", b.seconds, "s", decimals: 2)
        emit("queue_open_doubling", b.seconds / max(a.seconds, 1e-9), "x", decimals: 2)
    }
    // Full histories (1 to 12 events, as replay reads them): a desk holding whole conversations.
    let histories = scratch.appendingPathComponent("histories-\(count).jsonl").path
    _ = writeCases(histories, count: count, seed: seed)
    if let h = time(histories, at: "2027-01-01T00:00:00Z") {
        emit("queue_histories_\(count)_seconds", h.seconds, "s", decimals: 2)
    }
    for file in [one, two, histories] { try? FileManager.default.removeItem(atPath: file) }
}

if CommandLine.arguments.dropFirst().first == "generate" {
    let count = Int(option("--cases", "1000")) ?? 1000
    var generator = CaseGenerator(seed: seed)
    generator.historyScale = Int(option("--history-scale", "1")) ?? 1
    let single = CommandLine.arguments.contains("--stream")
    let open = CommandLine.arguments.contains("--open")
    var out = ""
    for i in 0..<count {
        out += single ? streamLine(i, &generator) : open ? generator.nextOpenCase(i, now: queueNow) + "\n" : generator.nextCase(i) + "\n"
        if out.utf8.count > 1 << 20 { FileHandle.standardOutput.write(Data(out.utf8)); out = "" }
    }
    FileHandle.standardOutput.write(Data(out.utf8))
    exit(0)
}

let caseCount = Int(option("--cases", "20000")) ?? 20000
let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
let relief = binDirectory.appendingPathComponent("relief").path
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("relief-bench-\(getpid())")
try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / (1 << 30)) GiB")

if CommandLine.arguments.contains("--queue-only") {
    guard FileManager.default.isExecutableFile(atPath: relief) else {
        print("note: \(relief) not found; build it with `swift build -c release` to time the desk")
        exit(1)
    }
    queueFigures(relief: relief, scratch: scratch)
    try? FileManager.default.removeItem(at: scratch)
    exit(0)
}

// 1. Rules load and compile.
var loads: [Double] = []
var rules: RuleSet!
for _ in 0..<15 {
    let t = Date()
    rules = RulesLoader.load(DefaultRules.source).rules!
    loads.append(Date().timeIntervalSince(t) * 1000)
}
emit("rules_load_compile_median", median(loads), "ms", decimals: 2)

// SHA-256, which the audit log spends most of its time in: the C path on the CPU's SHA
// instructions against the Swift rounds, so docs/performance.md can say whether the C is worth it.
do {
    let block = [UInt8](repeating: 0x61, count: 32 << 20)
    func megabytesPerSecond(_ compression: SHA256.Compression) -> Double {
        median((0..<3).map { _ in
            let t = Date()
            var hasher = SHA256(compression: compression)
            block.withUnsafeBytes { hasher.update($0) }
            _ = hasher.finalize()
            return Double(block.count) / 1_048_576 / Date().timeIntervalSince(t)
        })
    }
    let portable = megabytesPerSecond(.portable)
    emit("sha256_portable_throughput", portable, "MB/s", decimals: 0)
    if SHA256.hardwareAvailable {
        let hardware = megabytesPerSecond(.hardware)
        emit("sha256_hardware_throughput", hardware, "MB/s", decimals: 0)
        emit("sha256_hardware_speedup", hardware / portable, "x")
    }
}

// 2. In-process classification of single-message cases, one core.
func decodeLines(_ lines: [String]) -> [SupportCase] {
    lines.map { try! CaseDecoder.decode(bytes: Array($0.utf8)) }
}
var generator = CaseGenerator(seed: seed)
var singles: [SupportCase] = []
var totalCharacters = 0
for i in 0..<caseCount {
    let language = i % 2 == 0 ? "et" : "en"
    let text = generator.message(language, Situation.allCases[i % 4])
    totalCharacters += text.count
    singles.append(.quick(id: "S\(i)", text: text, language: nil, openedAt: Date(timeIntervalSince1970: 1_772_355_600)))
}
emit("message_length_mean", Double(totalCharacters) / Double(caseCount), "chars", decimals: 0)
let classifier = Classifier(rules: rules)
let now = Date(timeIntervalSince1970: 1_772_400_000)
func classifyAll(_ cases: [SupportCase], with classifier: Classifier) -> (perSecond: Double, latencies: [Double]) {
    var latencies: [Double] = []
    latencies.reserveCapacity(cases.count)
    var sink = 0
    var workspace = CaseEvaluation.Workspace()
    let start = DispatchTime.now().uptimeNanoseconds
    for c in cases {
        let t = DispatchTime.now().uptimeNanoseconds
        sink &+= classifier.classify(c, now: now, workspace: &workspace).responses.count
        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1000)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    if sink == -1 { print("") }
    return (Double(cases.count) / seconds, latencies.sorted())
}
_ = classifyAll(Array(singles.prefix(2000)), with: classifier)   // warm up
var runs: [(Double, [Double])] = []
for _ in 0..<3 { runs.append(classifyAll(singles, with: classifier)) }
let best = runs.sorted { $0.0 < $1.0 }[1]   // the median run
emit("classify_throughput_one_core", best.0, "cases/s", decimals: 0)
emit("classify_latency_p50", percentile(best.1, 0.5), "us")
emit("classify_latency_p99", percentile(best.1, 0.99), "us")

// 2b. Hostile input: cost must grow with the input, not its square. Each figure is the time
// for twice the input over the time for the input (linear is 2; the bound is 2.5).
func seconds(_ body: () -> Void) -> Double {
    let t = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
}
func doublingRatio<Input>(_ size: Int, make: (Int) -> Input, _ run: (Input) -> Void) -> Double {
    let small = make(size), large = make(size * 2)
    run(make(size / 4))   // warm up
    let one = median((0..<5).map { _ in seconds { run(small) } })
    let two = median((0..<5).map { _ in seconds { run(large) } })
    return two / max(one, 1e-9)
}
emit("adversarial_mask_emails_doubling", doublingRatio(64_000, make: { n in
    (0..<n).map { "user\($0)@example.com" }.joined(separator: " ")
}) { _ = PersonalDataMasker.mask($0) }, "x")
emit("adversarial_message_size_doubling", doublingRatio(4_000_000, make: { bytes -> SupportCase in
    let words = ["pakk", "hilineb", "arve", "on", "vale", "the", "parcel", "is", "late", "again"]
    var text = ""
    text.reserveCapacity(bytes + 16)
    var k = 0
    while text.utf8.count < bytes { text += words[k % words.count] + " "; k += 1 }
    return .quick(text: text)
}) { _ = classifier.classify($0, now: now) }, "x")
do {
    // Nested prefixes: a word satisfying 2,000 prefix terms; memory is held to what matches.
    let nested = (1...2000).map { Term(source: String(repeating: "a", count: $0) + "*", words: [TermWord(text: String(repeating: "a", count: $0), isPrefix: true)], negatable: false) }
    let matcher = TermMatcher(terms: nested, languages: [])
    var scratch = TermMatcher.Scratch()
    var result = TermMatcher.ScanResult()
    matcher.scan(String(repeating: "b ", count: 500_000), scratch: &scratch, into: &result)
    emit("adversarial_nested_prefix_scratch_1mb_plain", Double(scratch.patternCapacity * 4) / 1_048_576, "MB")
}

if CommandLine.arguments.contains("--in-process-only") { exit(0) }

// 3. A ten times larger lexicon: every signal's term list grows with terms that never match.
func biggerLexicon(_ factor: Int) -> RuleSet {
    let node = try! JSONParser.parse(DefaultRules.source)
    guard case .object(var top) = node.json, case .array(let signals)? = top["signals"] else { fatalError("unexpected rules shape") }
    var random = SeededRandom(seed: 7)
    let letters = Array("abdeghijklmnoprstuvõäöü")
    func word() -> String { String((0..<Int.random(in: 5...10, using: &random)).map { _ in letters.randomElement(using: &random)! }) }
    top["signals"] = .array(signals.map { signal in
        guard case .object(var s) = signal, case .object(var text)? = s["text"] else { return signal }
        for (language, list) in text {
            guard case .array(let terms) = list else { continue }
            var grown = terms
            for _ in 0..<(terms.count * (factor - 1)) {
                switch Int.random(in: 0...2, using: &random) {
                case 0: grown.append(.string(word()))
                case 1: grown.append(.string(word() + "*"))
                default: grown.append(.string(word() + " " + word()))
                }
            }
            text[language] = .array(grown)
        }
        s["text"] = .object(text)
        s.removeValue(forKey: "examples")
        return .object(s)
    })
    let outcome = RulesLoader.load(JSONWriter.write(.object(top)))
    guard let r = outcome.rules else { fatalError("bigger lexicon does not load: \(outcome.problems.first.map { $0.message } ?? "")") }
    return r
}
let big = biggerLexicon(10)
emit("lexicon_terms_default", Double(rules.matcher.terms.count), "terms", decimals: 0)
emit("lexicon_terms_10x", Double(big.matcher.terms.count), "terms", decimals: 0)
let bigClassifier = Classifier(rules: big)
_ = classifyAll(Array(singles.prefix(2000)), with: bigClassifier)
var bigRuns: [Double] = []
var baseRuns: [Double] = []
for _ in 0..<3 {
    baseRuns.append(classifyAll(singles, with: classifier).perSecond)
    bigRuns.append(classifyAll(singles, with: bigClassifier).perSecond)
}
emit("lexicon_10x_cost_ratio", median(baseRuns) / median(bigRuns), "x", decimals: 2)

// 4. Ten times longer histories.
func historyCases(_ scale: Int, _ count: Int) -> [SupportCase] {
    var g = CaseGenerator(seed: seed)
    g.historyScale = scale
    return decodeLines((0..<count).map { g.nextCase($0) })
}
let shortHistories = historyCases(1, max(1000, caseCount / 10))
let longHistories = historyCases(10, max(1000, caseCount / 10))
var shortRate: [Double] = [], longRate: [Double] = []
for _ in 0..<3 {
    shortRate.append(classifyAll(shortHistories, with: classifier).perSecond)
    longRate.append(classifyAll(longHistories, with: classifier).perSecond)
}
emit("history_10x_cost_ratio", median(shortRate) / median(longRate), "x", decimals: 2)

// 5. The binary: one triage from start to printed playbook, and the stream end to end.
if FileManager.default.isExecutableFile(atPath: relief) {
    var singleRuns: [Double] = []
    for _ in 0..<21 {
        singleRuns.append(Spawn.run(relief, ["triage", "--no-audit", "--text", "Minu pakk on ikka kohale jõudmata ja keegi ei vasta mu kirjadele"]).seconds * 1000)
    }
    emit("triage_text_wall_median", median(singleRuns), "ms")

    // The stream target is for triage input: one customer message of about 400 characters.
    let streamFile = scratch.appendingPathComponent("stream.jsonl").path
    let streamCount = Int(option("--stream-cases", "100000")) ?? 100000
    var singleGenerator = CaseGenerator(seed: seed)
    var streamText = ""
    for i in 0..<streamCount { streamText += streamLine(i, &singleGenerator) }
    try? Data(streamText.utf8).write(to: URL(fileURLWithPath: streamFile))
    // The shadow is the default rules again, from a file: the same work a changed copy costs.
    let shadowRules = scratch.appendingPathComponent("shadow.json5").path
    try? Data(DefaultRules.source.utf8).write(to: URL(fileURLWithPath: shadowRules))
    var noAudit: [Double] = [], withAudit: [Double] = [], withShadow: [Double] = []
    for round in 0..<3 {
        let a = Spawn.run(relief, ["triage", "--stream", "--no-audit"], stdin: streamFile)
        noAudit.append(Double(streamCount) / a.seconds)
        let log = scratch.appendingPathComponent("audit-\(round).jsonl").path
        let b = Spawn.run(relief, ["triage", "--stream", "--audit-log", log], stdin: streamFile)
        withAudit.append(Double(streamCount) / b.seconds)
        try? FileManager.default.removeItem(atPath: log)
        let c = Spawn.run(relief, ["triage", "--stream", "--audit-log", log, "--shadow", shadowRules], stdin: streamFile)
        withShadow.append(Double(streamCount) / c.seconds)
        try? FileManager.default.removeItem(atPath: log)
    }
    emit("stream_throughput_no_audit", median(noAudit), "cases/s", decimals: 0)
    emit("stream_throughput_with_audit", median(withAudit), "cases/s", decimals: 0)
    emit("stream_throughput_with_audit_and_shadow", median(withShadow), "cases/s", decimals: 0)
    // Target: a shadow costs at most 2.2 times the stream without one (audit log on in both).
    emit("shadow_cost_ratio", median(withAudit) / max(median(withShadow), 1), "x")

    // Reading the log back: `audit stats` against `audit verify` on the log the stream wrote.
    let auditLog = scratch.appendingPathComponent("audit-read.jsonl").path
    _ = Spawn.run(relief, ["triage", "--stream", "--audit-log", auditLog], stdin: streamFile)
    let verifySeconds = median((0..<3).map { _ in Spawn.run(relief, ["audit", "verify", auditLog]).seconds })
    let statsSeconds = median((0..<3).map { _ in Spawn.run(relief, ["audit", "stats", auditLog]).seconds })
    try? FileManager.default.removeItem(atPath: auditLog)
    emit("audit_verify_\(streamCount)_seconds", verifySeconds, "s", decimals: 2)
    emit("audit_stats_\(streamCount)_seconds", statsSeconds, "s", decimals: 2)
    emit("audit_stats_to_verify_ratio", statsSeconds / max(verifySeconds, 1e-9), "x")

    // Hostile input through the binary: one ticket of many CSV rows (each row used to copy
    // the whole ticket). Twice the rows should take about twice the time.
    func oneTicketCSV(_ rows: Int) -> String {
        let path = scratch.appendingPathComponent("one-ticket-\(rows).csv").path
        var text = "ticket_id,created_at,author_role,body\n"
        for i in 0..<rows { text += "T-1,2026-03-01 \(String(format: "%02d:%02d", (i / 60) % 24, i % 60)):00,end-user,\"message \(i) about the parcel\"\n" }
        try? Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
    let csvSmall = oneTicketCSV(50_000), csvLarge = oneTicketCSV(100_000)
    let csvOne = median((0..<3).map { _ in Spawn.run(relief, ["replay", "--out", "/dev/null", csvSmall]).seconds })
    let csvTwo = median((0..<3).map { _ in Spawn.run(relief, ["replay", "--out", "/dev/null", csvLarge]).seconds })
    emit("adversarial_csv_rows_doubling", csvTwo / max(csvOne, 1e-9), "x")

    // 6. The triage desk.
    queueFigures(relief: relief, scratch: scratch)

    // 7. Replay on 100,000 and 1,000,000 cases.
    for count in option("--replay-cases", "100000,1000000").split(separator: ",").compactMap({ Int($0) }) {
        let file = scratch.appendingPathComponent("replay-\(count).jsonl").path
        let events = writeCases(file, count: count, seed: seed)
        let r = Spawn.run(relief, ["replay", "--format", "json", "--out", "/dev/null", file])
        if r.status != 0 { print("replay_\(count): failed with status \(r.status)"); continue }
        emit("replay_\(count)_throughput", Double(events) / r.seconds, "events/s", decimals: 0)
        emit("replay_\(count)_peak_rss", r.peakRSSMegabytes, "MB")
        try? FileManager.default.removeItem(atPath: file)
    }
} else {
    print("note: \(relief) not found; build it with `swift build -c release` to time the binary")
}
