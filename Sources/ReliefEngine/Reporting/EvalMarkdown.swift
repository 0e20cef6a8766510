import Foundation

/// An evaluation as Markdown, for a pull request that changes the rules or for docs/quality.md.
public enum EvalMarkdown {
    /// Times in evidence (a promise's due time) are shown in `zone`.
    public static func render(_ report: EvalReport, missLimit: Int? = nil, zone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        typealias W = ReplayWording
        let c = report.confusion
        var out = "# Evaluation: \(EvalWording.modeName(report.mode))\(report.split.map { ", \($0.rawValue) split" } ?? "")\n\n"
        out += "Rules `\(report.rulesName)` \(report.rulesVersion) (`\(cell(report.rulesSource))`), labels `\(cell(report.labelsSource))`.\n\n"
        out += "| | figure |\n|---|---|\n"
        out += "| labelled cases | \(W.grouped(c.total)) |\n"
        out += "| agreement | \(W.percent(c.agreement)) (\(W.grouped(c.agreed)) of \(W.grouped(c.total))) |\n"
        out += "| crisis recall | \(W.percent(c.recall(.crisis))) (\(c[.crisis, .crisis]) of \(c.labelled(.crisis))) |\n"
        out += "| crisis precision | \(W.percent(c.precision(.crisis))) (\(c[.crisis, .crisis]) of \(c.given(.crisis))) |\n"
        for warning in EvalWording.warnings(report) { out += "\n> Warning: \(cell(warning))\n" }

        out += "\n## By situation\n\n| situation | labelled | given | precision | recall |\n|---|---:|---:|---:|---:|\n"
        for s in Situation.allCases.reversed() {
            out += "| \(s.rawValue) | \(c.labelled(s)) | \(c.given(s)) | \(W.percent(c.precision(s))) | \(W.percent(c.recall(s))) |\n"
        }
        out += "\n## Confusion (rows: label, columns: given)\n\n| | " + Situation.allCases.map(\.rawValue).joined(separator: " | ") + " |\n|---|"
            + String(repeating: "---:|", count: 4) + "\n"
        for e in Situation.allCases {
            out += "| \(e.rawValue) | " + Situation.allCases.map { String(c[e, $0]) }.joined(separator: " | ") + " |\n"
        }
        out += "\n## By source\n\n| source | cases | agreement | crisis recall | crisis precision |\n|---|---:|---:|---:|---:|\n"
        for name in report.groupNames {
            let g = report.groups[name]!
            out += "| \(cell(name)) | \(g.total) | \(W.percent(g.agreement)) | \(W.percent(g.recall(.crisis))) | \(W.percent(g.precision(.crisis))) |\n"
        }
        if report.split == nil, !report.splits.isEmpty {
            out += "\n## By split\n\n| split | cases | agreement | crisis recall | crisis precision |\n|---|---:|---:|---:|---:|\n"
            for split in EvalSplit.allCases {
                let g = report.splits[split] ?? EvalConfusion()
                out += "| \(split.rawValue) | \(g.total) | \(W.percent(g.agreement)) | \(W.percent(g.recall(.crisis))) | \(W.percent(g.precision(.crisis))) |\n"
            }
        }
        let shown = missLimit.map { min($0, report.misses.count) } ?? report.misses.count
        out += "\n## Misses (\(report.misses.count))\n\n"
        if shown > 0 {
            out += "| case | label | given | text | signals | words no signal knows |\n|---|---|---|---|---|---|\n"
            for m in report.misses.prefix(shown) {
                out += "| \(cell(m.caseId)) | \(m.expected.rawValue) | \(m.given.rawValue)\(m.fallback ? " (fallback)" : "") | \(cell(m.excerpt)) | "
                    + cell(EvalWording.signals(m.signals, zone: zone)) + " | " + cell(m.unknownWords.joined(separator: " ")) + " |\n"
            }
        }
        if shown < report.misses.count { out += "\n… and \(report.misses.count - shown) more.\n" }
        return out
    }

    /// Text made safe inside a table cell: no line breaks, pipes escaped, controls visible.
    static func cell(_ s: String) -> String {
        VisibleText.escape(s.replacingOccurrences(of: "\n", with: " ")).replacingOccurrences(of: "|", with: "\\|")
    }
}
