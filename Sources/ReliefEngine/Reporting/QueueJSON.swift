import Foundation

/// The desk as JSON, for a dashboard or a bot: `relief queue --format json`. The same fields as
/// the text, keys sorted at every level; `cases` comes first, one case per line, in the desk's
/// order. The README documents every field.
public enum QueueJSON {
    public static func render(_ report: QueueReport) -> String {
        var out = ""
        write(report) { out += $0 }
        return out
    }

    /// The same document, handed to `out` a case at a time.
    public static func write(_ report: QueueReport, to out: (String) -> Void) {
        out("{\n  \"cases\": [")
        for (i, item) in report.items.enumerated() {
            out((i == 0 ? "\n    " : ",\n    ") + caseText(item, now: report.now))
        }
        var tail = report.items.isEmpty ? "]" : "\n  ]"
        let members = summary(report)
        for key in members.keys.sorted() {
            tail += ",\n  \"\(key)\": " + JSONWriter.writePretty(members[key]!).replacingOccurrences(of: "\n", with: "\n  ")
        }
        out(tail + "\n}\n")
    }

    /// One case, compact, its keys in order (checked in debug builds).
    public static func caseText(_ item: QueueItem, now: Date) -> String {
        var w = JSONStreamWriter(ByteSink(capacity: 512))
        w.open()
        w.key("caseId"); w.string(item.caseId)
        w.key("due")
        if let d = item.deadline {
            w.open()
            w.key("at"); w.time(d.at)
            w.key("kind"); w.raw(d.kind.rawValue)
            w.key("overdue"); w.bool(d.isOverdue(at: now))
            w.key("secondsLeft"); w.int(secondsLeft(d, now))
            w.key("text"); w.string(d.phrase(now: now))
            w.key("what"); w.string(d.what)
            w.close()
        } else { w.null() }
        w.key("fallback"); w.bool(item.fallback)
        w.key("language"); w.string(item.language)
        w.key("next"); w.string(item.next)
        w.key("openedAs"); w.raw(item.openedAs?.rawValue)
        w.key("owner"); w.string(item.owner)
        w.key("ownerName"); w.string(item.ownerName)
        w.key("reason"); w.string(item.reason)
        w.key("responseId"); w.string(item.responseId)
        w.key("rose"); w.bool(item.rose)
        w.key("rule"); w.string(item.rule)
        w.key("signals"); w.strings(item.signals)
        w.key("situation"); w.raw(item.situation.rawValue)
        w.key("waitingSince"); w.time(item.waitingSince)
        w.close()
        return w.out.string
    }

    /// Seconds until due, negative when overdue, rounded towards the past.
    static func secondsLeft(_ d: QueueDeadline, _ now: Date) -> Int {
        Int(d.at.timeIntervalSince(now).rounded(.down))
    }

    static func summary(_ report: QueueReport) -> [String: JSON] {
        let counts = report.bySituation
        return [
            "counts": .object([
                "open": .int(report.open),
                "shown": .int(report.items.count),
                "overdue": .int(report.overdue),
                "skipped": .int(report.skipped),
                "bySituation": .object(Dictionary(uniqueKeysWithValues: Situation.allCases.map { ($0.rawValue, JSON.int(counts[$0] ?? 0)) })),
            ]),
            "filter": .object(["owner": .optional(report.filter.owner), "situation": .optional(report.filter.situation?.rawValue)]),
            "now": .string(ISO8601.format(report.now)),
            "rules": .object(["name": .string(report.rulesName), "version": .string(report.rulesVersion)]),
        ]
    }
}
