extension RulesLoader {
    /// Signal ids resolved to their indexes, and `when` conditions built from them. An unknown
    /// id is reported with the likeliest one meant.
    struct SignalReferences {
        let names: [String]
        private let index: [String: Int]

        init(_ signals: [Signal]) {
            names = signals.map(\.id)
            index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }

        func signal(_ node: JSONNode, _ path: String, _ d: inout RulesDecoding) -> Int? {
            guard let id = d.string(node, path) else { return nil }
            if let found = index[id] { return found }
            d.report(.unknownReference(kind: "signal", name: id, suggestion: closestMatch(to: id, in: names)), node.position, path)
            return nil
        }

        /// A signal id, or an object with exactly one of `all`, `any`, `not`, nested at most 32 levels.
        func condition(_ node: JSONNode, _ path: String, _ d: inout RulesDecoding, depth: Int = 0) -> Condition? {
            if node.stringValue != nil { return signal(node, path, &d).map(Condition.signal) }
            guard depth < 32, let members = d.object(node, path, allowed: ["all", "any", "not"]) else {
                if depth >= 32 { d.report(.badValue(key: "when", expected: "nested at most 32 levels"), node.position, path) }
                return nil
            }
            guard members.count == 1, let only = members.first, ["all", "any", "not"].contains(only.key) else {
                d.report(.badValue(key: d.lastKey(path), expected: "a signal id or an object with exactly one of 'all', 'any', 'not'"), node.position, path)
                return nil
            }
            let childPath = path + "." + only.key
            if only.key == "not" { return condition(only.value, childPath, &d, depth: depth + 1).map(Condition.not) }
            guard let items = d.array(only.value, childPath, nonEmpty: true) else { return nil }
            var children: [Condition] = []
            var ok = true
            for (i, item) in items.enumerated() {
                if let c = condition(item, "\(childPath)[\(i)]", &d, depth: depth + 1) { children.append(c) } else { ok = false }
            }
            guard ok, !children.isEmpty else { return nil }
            return only.key == "all" ? .all(children) : .any(children)
        }
    }
}
