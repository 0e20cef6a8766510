import Foundation

/// The terminal form of an evaluation: the figures first (agreement, crisis recall and
/// precision), then where the rules go wrong (the confusion, each situation, each source),
/// then every miss with what decided it.
public enum EvalText {
    /// Times in evidence (a promise's due time) are shown in `zone`.
    public static func render(_ report: EvalReport, missLimit: Int? = nil, style: TextStyle = .plain, zone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        typealias W = ReplayWording
        let c = report.confusion
        var out = ""
        func heading(_ text: String) { out += "\n" + style.bold(text) + "\n" }
        let part = report.split.map { " (\($0.rawValue) split)" } ?? ""
        out += style.bold("Evaluation of \(W.count(c.total, "labelled case"))\(part), \(EvalWording.modeName(report.mode))") + "\n"
        out += style.dim("rules: \(report.rulesName) \(report.rulesVersion) (\(VisibleText.escape(report.rulesSource))); labels: \(VisibleText.escape(report.labelsSource))") + "\n\n"
        out += style.bold("Agreement: ") + W.percent(c.agreement) + " (\(W.grouped(c.agreed)) of \(W.grouped(c.total)))\n"
        out += style.bold("Crisis: ") + "recall " + W.percent(c.recall(.crisis)) + " (\(W.grouped(c[.crisis, .crisis])) of \(W.grouped(c.labelled(.crisis))))"
            + ", precision " + W.percent(c.precision(.crisis)) + " (\(W.grouped(c[.crisis, .crisis])) of \(W.grouped(c.given(.crisis))))\n"
        for warning in EvalWording.warnings(report) { out += style.bad("Warning: ") + warning + "\n" }

        heading("By situation")
        out += "  situation     labelled    given  precision   recall\n"
        for s in Situation.allCases.reversed() {
            out += "  " + style.situation(s, s.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))
                + pad(W.grouped(c.labelled(s)), 10) + pad(W.grouped(c.given(s)), 9) + pad(W.percent(c.precision(s)), 11) + pad(W.percent(c.recall(s)), 9) + "\n"
        }

        heading("Confusion (rows: label, columns: given)")
        out += "  " + "".padding(toLength: 12, withPad: " ", startingAt: 0) + Situation.allCases.map { pad($0.rawValue, 11) }.joined() + "\n"
        for e in Situation.allCases {
            out += "  " + e.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                + Situation.allCases.map { g in pad(W.grouped(c[e, g]), 11) }.joined() + "\n"
        }

        heading("By source")
        out += "  source        cases  agreement  crisis recall  crisis precision\n"
        for name in report.groupNames {
            let g = report.groups[name]!
            out += "  " + VisibleText.escape(name).padding(toLength: 12, withPad: " ", startingAt: 0) + pad(W.grouped(g.total), 7)
                + pad(W.percent(g.agreement), 11) + pad(W.percent(g.recall(.crisis)), 15) + pad(W.percent(g.precision(.crisis)), 18) + "\n"
        }
        if report.split == nil, report.splits.count > 0 {
            heading("By split")
            out += "  split         cases  agreement  crisis recall  crisis precision\n"
            for split in EvalSplit.allCases {
                let g = report.splits[split] ?? EvalConfusion()
                out += "  " + split.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0) + pad(W.grouped(g.total), 7)
                    + pad(W.percent(g.agreement), 11) + pad(W.percent(g.recall(.crisis)), 15) + pad(W.percent(g.precision(.crisis)), 18) + "\n"
            }
        }

        let shown = missLimit.map { min($0, report.misses.count) } ?? report.misses.count
        heading("Misses (\(W.grouped(report.misses.count)))")
        if report.misses.isEmpty { out += "  " + style.good("None: the rules agree with every label.") + "\n" }
        for miss in report.misses.prefix(shown) {
            out += "  " + style.bold(VisibleText.escape(miss.caseId)) + "  labelled " + style.situation(miss.expected, miss.expected.rawValue)
                + ", given " + style.situation(miss.given, miss.given.rawValue) + (miss.fallback ? " (fallback: no rule matched)" : "") + "\n"
            out += "    " + style.dim("\"" + VisibleText.escape(miss.excerpt) + "\"") + "\n"
            if !miss.rules.isEmpty { out += "    rules: " + miss.rules.joined(separator: ", ") + "\n" }
            if !miss.signals.isEmpty { out += "    signals: " + EvalWording.signals(miss.signals, zone: zone) + "\n" }
            if !miss.unknownWords.isEmpty { out += "    words no signal knows: " + VisibleText.escape(miss.unknownWords.joined(separator: " ")) + "\n" }
        }
        if shown < report.misses.count { out += "  … and \(W.count(report.misses.count - shown, "more miss", "more misses")) (--misses to show more)\n" }
        return out
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
    }
}

/// Wording the evaluation reporters share.
enum EvalWording {
    static func modeName(_ mode: EvalMode) -> String {
        switch mode {
        case .first: return "first message"
        case .peak: return "peak over the history"
        }
    }

    /// `defect ("broken", "keeps crashing"), repeat-contact (4 customer messages)`.
    static func signals(_ signals: [SignalMatch], zone: TimeZone) -> String {
        signals.map { s in
            let words = s.evidence.prefix(4).map { EvidenceText.shown($0, zone: zone) }
            return s.id + (words.isEmpty ? "" : " (" + words.joined(separator: ", ") + ")")
        }.joined(separator: ", ")
    }

    static func warnings(_ report: EvalReport) -> [String] {
        typealias W = ReplayWording
        var out: [String] = []
        if !report.labelsWithoutCase.isEmpty {
            let listed = report.labelsWithoutCase.prefix(10).map { "\(VisibleText.escape($0.caseId)) (line \($0.line))" }.joined(separator: ", ")
            out.append("\(W.count(report.labelsWithoutCase.count, "label names", "labels name")) a case that was not read: \(listed)"
                + (report.labelsWithoutCase.count > 10 ? ", …" : ""))
        }
        if !report.undecided.isEmpty {
            out.append("\(W.count(report.undecided.count, "labelled case has", "labelled cases have")) no customer message: "
                + report.undecided.prefix(10).map(VisibleText.escape).joined(separator: ", ") + (report.undecided.count > 10 ? ", …" : ""))
        }
        if !report.repeatedCases.isEmpty {
            out.append("\(W.count(report.repeatedCases.count, "case id was", "case ids were")) read more than once; only the first was measured: "
                + report.repeatedCases.prefix(10).map(VisibleText.escape).joined(separator: ", "))
        }
        if report.skipped > 0 {
            out.append("\(W.count(report.skipped, "line or row", "lines or rows")) of the case files could not be read (listed on stderr)")
        }
        return out
    }
}
