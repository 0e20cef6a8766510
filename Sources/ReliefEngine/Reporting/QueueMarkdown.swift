import Foundation

/// The desk as a Markdown table, for a stand-up note or a ticket.
public enum QueueMarkdown {
    public static func render(_ report: QueueReport) -> String {
        var out = ""
        write(report) { out += $0 }
        return out
    }

    /// The same table, handed to `out` a row at a time.
    public static func write(_ report: QueueReport, to out: (String) -> Void) {
        out("## \(QueueText.summary(report))\n\nRules `\(ReplayMarkdown.escape(report.rulesName))` \(ReplayMarkdown.escape(report.rulesVersion)).\n\n")
        if report.items.isEmpty {
            out(report.open == 0 ? "No open cases.\n" : "No open case matches the filter.\n")
            return
        }
        out("| # | case | situation | reason | owner | due | next |\n|---:|---|---|---|---|---|---|\n")
        for (n, item) in report.items.enumerated() {
            let due = item.deadline.map { d in d.isOverdue(at: report.now) ? "**\(d.phrase(now: report.now))**" : d.phrase(now: report.now) } ?? "–"
            out("| \(n + 1) | `\(ReplayMarkdown.escape(item.caseId))` | \(item.situationText) | \(ReplayMarkdown.escape(item.reason)) | \(ReplayMarkdown.escape(item.owner ?? "–")) | \(due) | \(ReplayMarkdown.escape(item.next ?? "–")) |\n")
        }
    }
}
