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
        var out = ""
        write(report, style: style, width: width) { out += $0 }
        return out
    }

    /// The same text, handed to `out` a line at a time: a desk of 100,000 cases is printed
    /// without being held as one string.
    public static func write(_ report: QueueReport, style: TextStyle = .plain, width: Int? = nil, to out: (String) -> Void) {
        out(style.bold(summary(report)) + "\n")
        out(style.dim("rules: \(report.rulesName) \(report.rulesVersion)") + "\n")
        if report.skipped > 0 {
            out(style.bad("\(ReplayWording.count(report.skipped, "line or row", "lines or rows")) could not be read (listed on standard error)") + "\n")
        }
        guard !report.items.isEmpty else {
            out("\n" + (report.open == 0 ? "No open cases." : "No open case matches the filter.") + "\n")
            return
        }
        // Every cell once, in one flat array (six per case): the widths need them all before the
        // first line is written.
        var cells: [Cell] = []
        cells.reserveCapacity(report.items.count * headers.count)
        for item in report.items { cells.append(contentsOf: row(item, now: report.now).lazy.map(Cell.init)) }
        let widths = columnWidths(cells, width: width)
        out("\n" + style.bold(line(headers.map(Cell.init)[...], widths)) + "\n")
        // Lines are written as bytes and handed out in blocks of about 64 KiB, not one call each.
        var block: [UInt8] = []
        block.reserveCapacity(1 << 16 + 1024)
        for k in report.items.indices {
            let situation = report.items[k].situation
            let dim = report.items[k].deadline == nil || report.items[k].owner == nil
            let overdue = report.items[k].isOverdue(at: report.now)
            appendLine(cells[k * headers.count ..< (k + 1) * headers.count], widths, to: &block) { column, text in
                switch column {
                case 1: return style.situation(situation, text)
                case 3 where dim: return style.dim(text)
                case 4 where overdue: return style.bad(text)
                default: return text
                }
            }
            block.append(UInt8(ascii: "\n"))
            if block.count >= 1 << 16 {
                out(String(decoding: block, as: UTF8.self))
                block.removeAll(keepingCapacity: true)
            }
        }
        if !block.isEmpty { out(String(decoding: block, as: UTF8.self)) }
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

    /// A cell and how many columns it takes on a screen, counted once.
    struct Cell {
        var text: String
        var width: Int

        init(_ text: String) {
            self.text = text
            width = Self.width(text)
        }

        /// Columns a text takes: one per character. Counted by UTF-8 bytes that start a scalar,
        /// leaving out the combining diacritical marks (U+0300–U+036F, two bytes starting 0xCC or
        /// 0xCD), which share their letter's column.
        static func width(_ text: String) -> Int {
            var text = text
            return text.withUTF8 { bytes in
                var count = 0
                for byte in bytes where byte & 0xC0 != 0x80 && byte != 0xCC && byte != 0xCD { count += 1 }
                return count
            }
        }

        /// The text cut to `width` columns, its last one an ellipsis.
        func cut(to width: Int) -> String {
            guard self.width > width else { return text }
            guard width > 1 else { return width == 1 ? "…" : "" }
            var kept = ""
            var used = 0
            for character in text {
                let w = Self.width(String(character))
                if used + w > width - 1 { break }
                kept.append(character)
                used += w
            }
            return kept + "…"
        }
    }

    /// Each column's width: its widest cell. With a screen width, what must be seen stays whole
    /// (the case, the situation, what is due) and the rest gives way in turn: the reason and the
    /// next action are cut, then the next action is left out (width 0), then the owner, then the
    /// reason.
    static func columnWidths(_ cells: [Cell], width: Int?) -> [Int] {
        var widths = headers.map(\.count)
        for (k, cell) in cells.enumerated() where cell.width > widths[k % headers.count] { widths[k % headers.count] = cell.width }
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

    /// One line: the cells cut to their columns' widths and padded (by their own width, so colour
    /// codes do not count), columns of width 0 left out, the last column unpadded. `style` may
    /// decorate a column's text after it is cut.
    static func line(_ cells: ArraySlice<Cell>, _ widths: [Int], style: (Int, String) -> String = { $1 }) -> String {
        var bytes: [UInt8] = []
        appendLine(cells, widths, to: &bytes, style: style)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same line, appended to `out` as UTF-8.
    static func appendLine(_ cells: ArraySlice<Cell>, _ widths: [Int], to out: inout [UInt8], style: (Int, String) -> String = { $1 }) {
        let last = widths.lastIndex { $0 > 0 } ?? 0
        var first = true
        for (i, cell) in zip(widths.indices, cells) where widths[i] > 0 {
            if !first { out.append(contentsOf: gap.utf8) }
            first = false
            out.append(contentsOf: style(i, cell.cut(to: widths[i])).utf8)
            if i != last {
                let pad = widths[i] - min(cell.width, widths[i])
                if pad > 0 { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pad)) }
            }
        }
    }
}
