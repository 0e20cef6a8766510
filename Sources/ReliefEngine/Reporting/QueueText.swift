import Foundation

/// The desk on a terminal: one line per open case, what needs a person first at the top.
///
/// Columns: case, situation (with `↑` when it rose), the reason, the owner, what is due, and the
/// next action from the playbook. Given a width (a terminal), the reason and the next action are
/// cut to fit with "…", and the next action is left out when there is no room for it; without
/// one (a pipe, a file), lines are whole.
public enum QueueText {
    static let headers = ["case", "situation", "reason", "owner", "due", "next"]
    static let gap = "  "

    public static func render(_ report: QueueReport, style: TextStyle = .plain, width: Int? = nil) -> String {
        var out = style.bold(summary(report)) + "\n"
        out += style.dim("rules: \(report.rulesName) \(report.rulesVersion)") + "\n"
        if report.skipped > 0 {
            out += style.bad("\(ReplayWording.count(report.skipped, "line or row", "lines or rows")) could not be read (listed on standard error)") + "\n"
        }
        guard !report.items.isEmpty else {
            return out + "\n" + (report.open == 0 ? "No open cases." : "No open case matches the filter.") + "\n"
        }
        let rows = report.items.map { row($0, now: report.now) }
        let widths = columnWidths(rows, width: width)
        out += "\n" + style.bold(line(headers, widths)) + "\n"
        for (item, cells) in zip(report.items, rows) {
            var shown = fitted(cells, widths)
            shown[1] = style.situation(item.situation, shown[1])
            if item.isOverdue(at: report.now) { shown[4] = style.bad(shown[4]) }
            if item.deadline == nil || item.owner == nil { shown[3] = style.dim(shown[3]) }
            out += join(shown, widths, cells) + "\n"
        }
        return out
    }

    /// "Queue at 2026-03-10T09:00:00Z: 28 open cases, 11 overdue" (with the filter, when one is set).
    static func summary(_ report: QueueReport) -> String {
        var text = "Queue at \(ISO8601.format(report.now)): "
        if report.filter.isEmpty {
            text += ReplayWording.count(report.open, "open case")
        } else {
            var parts: [String] = []
            if let owner = report.filter.owner { parts.append("owner \(owner)") }
            if let situation = report.filter.situation { parts.append(situation.rawValue) }
            text += "\(ReplayWording.grouped(report.items.count)) of \(ReplayWording.count(report.open, "open case")) (\(parts.joined(separator: ", ")))"
        }
        return text + ", \(ReplayWording.grouped(report.overdue)) overdue"
    }

    /// The six cells of a case, unstyled.
    static func row(_ item: QueueItem, now: Date) -> [String] {
        [
            VisibleText.escape(item.caseId),
            item.situationText,
            item.reason,
            item.owner ?? "–",
            item.deadline?.phrase(now: now) ?? "–",
            item.next.map(VisibleText.escape) ?? "–",
        ]
    }

    /// Each column's width: its widest cell. With a screen width, what must be seen stays whole
    /// (the case, the situation, what is due) and the rest gives way in turn: the reason and the
    /// next action are cut, then the next action is left out (width 0), then the owner, then the
    /// reason.
    static func columnWidths(_ rows: [[String]], width: Int?) -> [Int] {
        var widths = headers.map(\.count)
        for cells in rows {
            for (i, cell) in cells.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        guard let width else { return widths }
        let g = gap.count
        if widths.reduce(0, +) + g * 5 <= width { return widths }
        widths[0] = min(widths[0], 16)
        widths[3] = min(widths[3], 18)
        // Room for the reason and the next action, with the gap between them.
        var room = width - (widths[0] + widths[1] + widths[3] + widths[4]) - g * 4
        if room - g >= 24 {
            let reason = min(widths[2], max(12, (room - g) * 2 / 5))
            widths[5] = min(widths[5], room - g - reason)
            widths[2] = reason
            return widths
        }
        widths[5] = 0
        if room < 8 {
            room += widths[3] + g
            widths[3] = 0
        }
        widths[2] = room >= 8 ? min(widths[2], room) : 0
        return widths
    }

    /// Cells cut to their column's width with "…".
    static func fitted(_ cells: [String], _ widths: [Int]) -> [String] {
        zip(cells, widths).map { cell, width in
            guard width > 0 else { return "" }
            return cell.count <= width ? cell : String(cell.prefix(max(0, width - 1))) + "…"
        }
    }

    static func line(_ cells: [String], _ widths: [Int]) -> String {
        join(fitted(cells, widths), widths, cells)
    }

    /// Cells padded to their widths (by the unstyled text, so colour codes do not count), with the
    /// last column unpadded and empty columns left out.
    static func join(_ shown: [String], _ widths: [Int], _ plain: [String]) -> String {
        var parts: [String] = []
        let last = widths.lastIndex { $0 > 0 } ?? 0
        for i in widths.indices where widths[i] > 0 {
            let visible = min(plain[i].count, widths[i])
            parts.append(i == last ? shown[i] : shown[i] + String(repeating: " ", count: widths[i] - visible))
        }
        return parts.joined(separator: gap)
    }
}
