/// What a person decided a case's situation was, before the rules were run: the situation of
/// the customer's first message alone (`first`) and the most intense one over the whole
/// history (`peak`). `relief eval` measures rules against these.
public struct EvalLabel: Sendable, Equatable {
    public var caseId: String
    public var first: Situation
    /// Never lower than `first`; equal to it for a single message.
    public var peak: Situation
    public var note: String?
    /// The 1-based line in the labels file, so a warning can point at it.
    public var line: Int

    public init(caseId: String, first: Situation, peak: Situation, note: String? = nil, line: Int) {
        self.caseId = caseId
        self.first = first
        self.peak = peak
        self.note = note
        self.line = line
    }

    /// The label that counts in `mode`.
    public func expected(_ mode: EvalMode) -> Situation {
        switch mode {
        case .first: return first
        case .peak: return peak
        }
    }
}

/// Which label a case is measured against.
public enum EvalMode: String, Sendable, CaseIterable {
    /// The customer's first message alone, as triage sees it on arrival, at that message's time.
    case first
    /// The whole history replayed one customer message at a time; its peak.
    case peak
}

/// A problem in a labels file, with the line and field it is about.
public struct EvalLabelProblem: Error, Sendable, Equatable {
    public var line: Int
    public var column: Int?
    public var field: String
    public var message: String

    public init(line: Int, column: Int? = nil, field: String, message: String) {
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }
}

/// A set of labels by case id, read from a TSV file or from cases that carry `expect`.
public struct EvalLabelSet: Sendable {
    public private(set) var labels: [EvalLabel] = []
    private var index: [String: Int] = [:]

    public init() {}

    public subscript(caseId: String) -> EvalLabel? {
        index[caseId].map { labels[$0] }
    }

    public var count: Int { labels.count }

    /// Adds a label; a second label for the same case is a problem that names the first.
    public mutating func add(_ label: EvalLabel) throws(EvalLabelProblem) {
        if let earlier = index[label.caseId] {
            throw EvalLabelProblem(line: label.line, field: "id", message: "case '\(label.caseId)' is labelled twice (first on line \(labels[earlier].line))")
        }
        if label.peak < label.first {
            throw EvalLabelProblem(
                line: label.line, field: "peak",
                message: "peak '\(label.peak.rawValue)' is lower than first '\(label.first.rawValue)'; the peak is the most intense situation over the whole history")
        }
        index[label.caseId] = labels.count
        labels.append(label)
    }

    /// Adds a label, or replaces the one a case already has (a later override of the same case).
    public mutating func replace(_ label: EvalLabel) {
        if let earlier = index[label.caseId] { labels[earlier] = label } else {
            index[label.caseId] = labels.count
            labels.append(label)
        }
    }

    /// Reads a TSV labels file: `id`, `first`, optional `peak` (default: `first`), optional note;
    /// `#` starts a comment line, blank lines are skipped, and a first line whose first field is
    /// `id` is a header. Every problem is collected, so one run lists them all.
    public static func parseTSV(_ text: String) -> (labels: EvalLabelSet, problems: [EvalLabelProblem]) {
        var set = EvalLabelSet()
        var problems: [EvalLabelProblem] = []
        var lineNumber = 0
        var sawContent = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            if !sawContent {
                sawContent = true
                if fields[0].lowercased() == "id" { continue }
            }
            guard !fields[0].isEmpty else {
                problems.append(EvalLabelProblem(line: lineNumber, column: 1, field: "id", message: "the case id is empty"))
                continue
            }
            guard fields.count >= 2, !fields[1].isEmpty else {
                problems.append(EvalLabelProblem(line: lineNumber, field: "first", message: "no situation after the id; expected id, first, peak and an optional note, separated by tabs"))
                continue
            }
            var situations: [Situation] = []
            for (k, name) in ["first", "peak"].enumerated() where k + 1 < fields.count && !fields[k + 1].isEmpty {
                if let s = Situation(rawValue: fields[k + 1].lowercased()) {
                    situations.append(s)
                } else {
                    problems.append(EvalLabelProblem(line: lineNumber, field: name, message: unknownSituation(fields[k + 1])))
                }
            }
            let named = fields.count > 2 && !fields[2].isEmpty ? 2 : 1
            guard situations.count == named else { continue }
            let note = fields.count > 3 ? fields[3...].joined(separator: " ") : nil
            let label = EvalLabel(
                caseId: fields[0], first: situations[0], peak: situations.last!, note: note?.isEmpty == false ? note : nil, line: lineNumber)
            do { try set.add(label) } catch { problems.append(error) }
        }
        return (set, problems)
    }

    /// Reads the `expect` member of a case in JSON: a situation (`"crisis"`, for first and
    /// peak alike) or `{first: ..., peak: ...}`. Nil when the case has no `expect`.
    public static func label(fromCase node: JSONNode, line: Int) throws(EvalLabelProblem) -> EvalLabel? {
        guard let expect = node["expect"] else { return nil }
        guard let id = node["id"]?.stringValue, !id.isEmpty else {
            throw EvalLabelProblem(line: line, column: node.position.column, field: "id", message: "a case with 'expect' needs a string 'id'")
        }
        func situation(_ n: JSONNode, _ field: String) throws(EvalLabelProblem) -> Situation {
            guard let name = n.stringValue else {
                throw EvalLabelProblem(line: line, column: n.position.column, field: field, message: "expected a situation name, found \(n.kindDescription)")
            }
            guard let s = Situation(rawValue: name.lowercased()) else {
                throw EvalLabelProblem(line: line, column: n.position.column, field: field, message: unknownSituation(name))
            }
            return s
        }
        if expect.stringValue != nil {
            let s = try situation(expect, "expect")
            return EvalLabel(caseId: id, first: s, peak: s, line: line)
        }
        guard expect.objectValue != nil, let firstNode = expect["first"] else {
            throw EvalLabelProblem(
                line: line, column: expect.position.column, field: "expect",
                message: "expected a situation name or {first: ..., peak: ...}, found \(expect.kindDescription)")
        }
        let first = try situation(firstNode, "expect.first")
        let peak = try expect["peak"].map { n throws(EvalLabelProblem) in try situation(n, "expect.peak") } ?? first
        let note = expect["note"]?.stringValue
        return EvalLabel(caseId: id, first: first, peak: peak, note: note, line: line)
    }

    private static func unknownSituation(_ name: String) -> String {
        "unknown situation '\(name)'; expected " + Situation.allCases.map(\.rawValue).joined(separator: ", ")
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        var s = self
        while let c = s.first, c == " " { s = s.dropFirst() }
        while let c = s.last, c == " " { s = s.dropLast() }
        return String(s)
    }
}
