extension RulesLoader {
    /// The `expectations` section: what each expectation means, and the signals that raise it.
    static func compileExpectations(
        _ top: [JSONMember], at here: SourcePosition, _ references: SignalReferences, _ d: inout RulesDecoding
    ) -> [Expectation: ExpectationRules] {
        var expectations: [Expectation: ExpectationRules] = [:]
        if let node = d.required(top, "expectations", "", at: here),
           let members = d.object(node, "expectations", allowed: Expectation.allCases.map(\.rawValue)) {
            for expectation in Expectation.allCases where d.member(members, expectation.rawValue) == nil {
                d.report(.missingKey(expectation.rawValue), node.position, "expectations." + expectation.rawValue)
            }
            for member in members {
                guard let expectation = Expectation(rawValue: member.key) else { continue }
                let path = "expectations." + member.key
                guard let fields = d.object(member.value, path, allowed: ["about", "raisedBy"]) else { continue }
                let about = d.required(fields, "about", path, at: member.value.position).flatMap { d.localizedText($0, path + ".about") }
                var raisedBy: [Int] = []
                if let list = d.member(fields, "raisedBy").flatMap({ d.array($0, path + ".raisedBy") }) {
                    for (i, item) in list.enumerated() {
                        if let s = references.signal(item, "\(path).raisedBy[\(i)]", &d), !raisedBy.contains(s) { raisedBy.append(s) }
                    }
                }
                if let about { expectations[expectation] = ExpectationRules(about: about, raisedBy: raisedBy) }
            }
        }

        return expectations
    }
}
