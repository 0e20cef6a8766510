import Foundation

/// The whole result of a replay run: the summary under the rules, the comparison with a second
/// rules file when asked, and what happened to the input. Reporters render it; per-case results
/// are streamed past it, never stored in it.
public struct ReplayReport: Sendable {
    /// Skipped lines and rows kept with their message; all are counted.
    public static let skippedExampleLimit = 50

    /// A line or row that could not be read and was left out.
    public struct Skipped: Sendable, Equatable {
        public var file: String
        public var line: Int?
        public var message: String

        public init(file: String, line: Int?, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }
    }

    /// One input file and what came of it.
    public struct InputFile: Sendable, Equatable {
        public var name: String
        /// `jsonl` or `csv`.
        public var format: String
        public var cases = 0
        public var skipped = 0

        public init(name: String, format: String) {
            self.name = name
            self.format = format
        }
    }

    /// Where the rules came from, as given (`<default rules>` for the embedded ones).
    public var rulesSource: String
    public var compareSource: String?
    public private(set) var summary: ReplaySummary
    public private(set) var comparison: RulesComparison?
    public private(set) var skipped = 0
    public private(set) var skippedExamples: [Skipped] = []
    public private(set) var files: [InputFile] = []
    /// For CSV input: how many rows may wait for the rest of their case.
    public var heldRowLimit: Int?
    /// CSV cases replayed before the end of their file because more than `heldRowLimit` rows were
    /// waiting. Most are complete already; `lateRows` says whether any were not.
    public var casesReplayedEarly = 0
    /// CSV rows that came after their case had been replayed early (also counted in `skipped`).
    public var lateRows = 0
    /// When the export was taken (`--as-of`); deadlines after it are open, not missed.
    public var asOf: ReplayAsOf?
    /// Whether the reports show the relief curve of each situation (`--relief-curve`).
    public var showsReliefCurve = false

    public init(rules: RuleSet, rulesSource: String, compare: (rules: RuleSet, source: String)? = nil) {
        self.rulesSource = rulesSource
        summary = ReplaySummary(rules: rules)
        if let compare {
            comparison = RulesComparison(after: compare.rules)
            compareSource = compare.source
        }
    }

    /// Starts counting for a new input file.
    public mutating func beginFile(_ name: String, format: String) {
        files.append(InputFile(name: name, format: format))
    }

    /// Adds one replayed case; `after` is the same case under the comparison rules.
    public mutating func add(_ replay: CaseReplay, after: CaseReplay? = nil) {
        summary.add(replay)
        if let after { comparison?.add(before: replay, after: after) }
        if !files.isEmpty { files[files.count - 1].cases += 1 }
    }

    /// Counts a line or row that was left out.
    public mutating func skip(_ skipped: Skipped) {
        self.skipped += 1
        if skippedExamples.count < Self.skippedExampleLimit { skippedExamples.append(skipped) }
        if let i = files.lastIndex(where: { $0.name == skipped.file }) { files[i].skipped += 1 }
    }
}
