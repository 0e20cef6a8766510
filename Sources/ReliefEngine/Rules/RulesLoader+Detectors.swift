import Foundation

extension RulesLoader {
    static let fieldTests = ["eq", "ne", "in", "notIn", "gt", "gte", "lt", "lte", "exists"]

    static func decodeField(_ node: JSONNode, _ path: String, _ d: inout RulesDecoding) -> FieldTest? {
        guard let fields = d.object(node, path, allowed: ["path"] + fieldTests) else { return nil }
        guard let pathNode = d.required(fields, "path", path, at: node.position), let name = d.string(pathNode, path + ".path") else { return nil }
        let fieldPath: FieldPath
        if let known = FieldPath.named.first(where: { $0.0 == name }) {
            fieldPath = known.1
        } else if name.hasPrefix("attributes."), name.count > "attributes.".count {
            fieldPath = .attribute(String(name.dropFirst("attributes.".count)))
        } else if name.hasPrefix("likelihood."), name.count > "likelihood.".count {
            // Resolved to the signal's index once every signal is known (`resolveLikelihoods`).
            fieldPath = .likelihood(of: String(name.dropFirst("likelihood.".count)), signal: -1)
        } else {
            let candidates = FieldPath.named.map(\.0) + ["attributes.NAME", "likelihood.SIGNAL"]
            d.report(.unknownReference(kind: "field", name: name, suggestion: closestMatch(to: name, in: candidates)), pathNode.position, path + ".path")
            return nil
        }
        var comparisons: [FieldComparison] = []
        var ok = true
        for member in fields where member.key != "path" {
            let mp = path + "." + member.key
            switch member.key {
            case "eq", "ne":
                guard let v = scalar(member.value, mp, &d) else { ok = false; continue }
                comparisons.append(member.key == "eq" ? .eq(v) : .ne(v))
            case "in", "notIn":
                guard let items = d.array(member.value, mp, nonEmpty: true) else { ok = false; continue }
                let values = items.enumerated().compactMap { scalar($1, "\(mp)[\($0)]", &d) }
                guard values.count == items.count else { ok = false; continue }
                comparisons.append(member.key == "in" ? .isIn(values) : .notIn(values))
            case "gt", "gte", "lt", "lte":
                guard let n = d.number(member.value, mp) else { ok = false; continue }
                switch member.key {
                case "gt": comparisons.append(.gt(n))
                case "gte": comparisons.append(.gte(n))
                case "lt": comparisons.append(.lt(n))
                default: comparisons.append(.lte(n))
                }
            case "exists":
                guard let b = d.bool(member.value, mp) else { ok = false; continue }
                comparisons.append(.exists(b))
            default:
                break
            }
        }
        if comparisons.isEmpty && ok {
            d.report(.badValue(key: "field", expected: "at least one test: \(fieldTests.joined(separator: ", "))"), node.position, path)
            return nil
        }
        return ok ? FieldTest(path: fieldPath, comparisons: comparisons) : nil
    }

    private static func scalar(_ node: JSONNode, _ path: String, _ d: inout RulesDecoding) -> AttributeValue? {
        switch node.value {
        case .string(let s): return .string(s)
        case .number(let n): return .number(n)
        case .bool(let b): return .bool(b)
        case .null: return .null
        default:
            d.report(.wrongType(key: d.lastKey(path), expected: "a string, number, boolean or null", found: node.kindDescription), node.position, path)
            return nil
        }
    }

    static func decodeHistory(_ node: JSONNode, _ path: String, _ d: inout RulesDecoding) -> HistoryFact? {
        guard let fields = d.object(node, path, allowed: HistoryFact.names) else { return nil }
        let known = fields.filter { HistoryFact.names.contains($0.key) }
        guard known.count == 1, let only = known.first else {
            d.report(.badValue(key: "history", expected: "exactly one of \(HistoryFact.names.joined(separator: ", "))"), node.position, path)
            return nil
        }
        let mp = path + "." + only.key
        switch only.key {
        case "customerMessages", "hoursWaiting":
            guard let tests = numericTests(only.value, mp, &d) else { return nil }
            return only.key == "customerMessages" ? .customerMessages(tests) : .hoursWaiting(tests)
        default:
            guard let b = d.bool(only.value, mp) else { return nil }
            switch only.key {
            case "promiseOverdue": return .promiseOverdue(b)
            case "reopened": return .reopened(b)
            default: return .channelChanged(b)
            }
        }
    }

    private static func numericTests(_ node: JSONNode, _ path: String, _ d: inout RulesDecoding) -> [NumericTest]? {
        let names = NumericTest.Op.allCases.map(\.rawValue)
        guard let fields = d.object(node, path, allowed: names) else { return nil }
        var tests: [NumericTest] = []
        for member in fields {
            guard let op = NumericTest.Op(rawValue: member.key), let n = d.number(member.value, path + "." + member.key) else { continue }
            tests.append(NumericTest(op: op, value: n))
        }
        if tests.isEmpty {
            d.report(.badValue(key: d.lastKey(path), expected: "at least one of \(names.joined(separator: ", ")), such as {gte: 3}"), node.position, path)
            return nil
        }
        return tests
    }

    static func decodeExamples(_ node: JSONNode, _ path: String, _ d: inout RulesDecoding) -> SignalExamples {
        var examples = SignalExamples()
        guard let fields = d.object(node, path, allowed: ["match", "noMatch", "matchCases", "noMatchCases"]) else { return examples }
        for key in ["match", "noMatch"] {
            guard let textsNode = d.member(fields, key), let byLanguage = d.object(textsNode, path + "." + key, allowed: d.languages) else { continue }
            for member in byLanguage {
                guard let language = d.languages.firstIndex(of: member.key),
                      let list = d.stringList(member.value, "\(path).\(key).\(member.key)") else { continue }
                let texts = list.map { SignalExamples.Text(language: language, text: $0.0, position: $0.1) }
                if key == "match" { examples.match += texts } else { examples.noMatch += texts }
            }
        }
        for key in ["matchCases", "noMatchCases"] {
            guard let listNode = d.member(fields, key), let items = d.array(listNode, path + "." + key) else { continue }
            for (i, item) in items.enumerated() {
                let itemPath = "\(path).\(key)[\(i)]"
                var now: Date?
                if let nowNode = item["now"], let text = d.string(nowNode, itemPath + ".now") {
                    now = ISO8601.parseTimestamp(text)
                    if now == nil { d.report(.badValue(key: "now", expected: "an ISO 8601 time such as 2026-03-01T09:00:00Z"), nowNode.position, itemPath + ".now") }
                }
                var withId = item
                if case .object(var members) = item.value, item["id"] == nil {
                    members.append(JSONMember(key: "id", keyPosition: item.position, value: JSONNode(.string("example \(i + 1)"), at: item.position)))
                    withId = JSONNode(.object(members), at: item.position)
                }
                do {
                    let c = try CaseDecoder.decode(withId)
                    let example = SignalExamples.CaseExample(supportCase: c, now: now, position: item.position)
                    if key == "matchCases" { examples.matchCases.append(example) } else { examples.noMatchCases.append(example) }
                } catch {
                    d.report(.invalidExample(error.message), error.position, itemPath + (error.field.isEmpty ? "" : "." + error.field))
                }
            }
        }
        return examples
    }
}
