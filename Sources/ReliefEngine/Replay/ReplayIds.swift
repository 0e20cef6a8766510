/// The ids a replay step can name, by index, each with its JSON string written once.
///
/// A replay takes millions of steps, and each names about a dozen signals, rules and responses.
/// Steps keep those as indexes into one shared table, so a step costs one small allocation, the
/// JSON report copies pre-written bytes instead of escaping every id again, and rule usage counts
/// by index instead of comparing text.
final class ReplayIds: Sendable {
    /// Signal ids in rules-file order.
    let signals: [String]
    /// Situation rule ids by condition index: situation by situation in severity order (the
    /// classifier's order, not precedence).
    let rules: [String]
    /// The situation each rule (by condition index) belongs to.
    let ruleSituations: [Situation]
    /// Response ids in rules-file order.
    let responses: [String]
    /// Every id's JSON string (`"id"`), signals then rules then responses, end to end.
    private let json: [UInt8]
    /// Where each id's JSON starts in `json`, in the same order, with the end as the last entry.
    private let jsonStart: [Int]

    init(rules ruleSet: RuleSet) {
        signals = ruleSet.signals.map(\.id)
        var ruleIds: [String] = []
        var situations: [Situation] = []
        for situation in Situation.allCases {
            for rule in ruleSet.situations[situation]?.rules ?? [] {
                ruleIds.append(rule.id)
                situations.append(situation)
            }
        }
        rules = ruleIds
        ruleSituations = situations
        responses = ruleSet.responses.map(\.id)
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for id in signals + rules + responses {
            starts.append(bytes.count)
            JSONWriter.appendString(id, into: &bytes)
        }
        starts.append(bytes.count)
        json = bytes
        jsonStart = starts
    }

    /// Which of the three lists an index refers to.
    enum List {
        case signal, rule, response
    }

    /// Writes the JSON array of the ids at `indexes` in `list`: the same bytes as writing the
    /// id strings one by one.
    func writeArray<Output: JSONOutput>(_ indexes: [Int32], of list: List, into out: inout Output) {
        let offset: Int
        switch list {
        case .signal: offset = 0
        case .rule: offset = signals.count
        case .response: offset = signals.count + rules.count
        }
        out.write(0x5B)
        json.withUnsafeBufferPointer { bytes in
            var first = true
            for index in indexes {
                if !first { out.write(0x2C) }
                first = false
                let k = offset + Int(index)
                out.write(UnsafeBufferPointer(rebasing: bytes[jsonStart[k]..<jsonStart[k + 1]]))
            }
        }
        out.write(0x5D)
    }
}
