extension RulesLoader {
    /// The `precedence` list: all four situations, each once.
    static func compilePrecedence(_ top: [JSONMember], at here: SourcePosition, _ d: inout RulesDecoding) -> [Situation] {
        var precedence: [Situation] = []
        if let node = d.required(top, "precedence", "", at: here), let items = d.array(node, "precedence") {
            for (i, item) in items.enumerated() {
                if let s = d.enumName(item, "precedence[\(i)]", kind: "situation", as: Situation.self) {
                    if precedence.contains(s) {
                        d.report(.badValue(key: "precedence", expected: "each situation once"), item.position, "precedence[\(i)]")
                    } else {
                        precedence.append(s)
                    }
                }
            }
            for s in Situation.allCases where !precedence.contains(s) {
                d.report(.badValue(key: "precedence", expected: "a list of all four situations; '\(s.rawValue)' is missing"), node.position, "precedence")
            }
        }

        return precedence
    }

    /// The `situations` section: what each situation's customer wants, its relief moment, its
    /// targets, the expectations it raises, and the rules that recognise it.
    static func compileSituations(
        _ top: [JSONMember], at here: SourcePosition, _ references: SignalReferences, _ d: inout RulesDecoding
    ) -> [Situation: SituationRules] {
        var situations: [Situation: SituationRules] = [:]
        var ruleIds: [String: SourcePosition] = [:]
        if let node = d.required(top, "situations", "", at: here),
           let members = d.object(node, "situations", allowed: Situation.allCases.map(\.rawValue)) {
            for situation in Situation.allCases where d.member(members, situation.rawValue) == nil {
                d.report(.missingSituation(situation.rawValue), node.position, "situations." + situation.rawValue)
            }
            for member in members {
                guard let situation = Situation(rawValue: member.key) else { continue }
                let path = "situations." + member.key
                guard let fields = d.object(member.value, path, allowed: ["wants", "reliefMoment", "firstResponse", "updateEvery", "expectations", "rules"]) else { continue }
                let at = member.value.position
                let wants = d.required(fields, "wants", path, at: at).flatMap { d.localizedText($0, path + ".wants") }
                let relief = d.required(fields, "reliefMoment", path, at: at).flatMap { d.localizedText($0, path + ".reliefMoment") }
                let targetNode = d.required(fields, "firstResponse", path, at: at)
                let target = targetNode.flatMap { d.duration($0, path + ".firstResponse") }
                // Optional: a situation without a cadence asks for no regular updates.
                let cadenceNode = d.member(fields, "updateEvery")
                var cadenceOK = true
                var cadence: ISODuration?
                if let cadenceNode {
                    cadence = d.duration(cadenceNode, path + ".updateEvery")
                    if let c = cadence, c.seconds <= 0 {
                        d.report(.badValue(key: "updateEvery", expected: "a duration longer than zero, such as PT1H"), cadenceNode.position, path + ".updateEvery")
                        cadence = nil
                    }
                    cadenceOK = cadence != nil
                }
                var defaults: [Expectation] = []
                if let list = d.required(fields, "expectations", path, at: at).flatMap({ d.array($0, path + ".expectations") }) {
                    for (i, item) in list.enumerated() {
                        if let e = d.enumName(item, "\(path).expectations[\(i)]", kind: "expectation", as: Expectation.self), !defaults.contains(e) {
                            defaults.append(e)
                        }
                    }
                }
                var rules: [SituationRule] = []
                if let list = d.required(fields, "rules", path, at: at).flatMap({ d.array($0, path + ".rules") }) {
                    for (i, item) in list.enumerated() {
                        let rulePath = "\(path).rules[\(i)]"
                        guard let ruleFields = d.object(item, rulePath, allowed: ["id", "about", "when"]) else { continue }
                        guard let idNode = d.required(ruleFields, "id", rulePath, at: item.position),
                              let id = d.string(idNode, rulePath + ".id") else { continue }
                        if let first = ruleIds[id] {
                            d.report(.duplicateId(kind: "situation rule", id: id, first: first), idNode.position, rulePath + ".id")
                            continue
                        }
                        ruleIds[id] = idNode.position
                        let about = d.member(ruleFields, "about").flatMap { d.string($0, rulePath + ".about") } ?? ""
                        guard let whenNode = d.required(ruleFields, "when", rulePath, at: item.position),
                              let when = references.condition(whenNode, rulePath + ".when", &d) else { continue }
                        rules.append(SituationRule(id: id, about: about, when: when))
                    }
                }
                if let wants, let relief, let target, cadenceOK {
                    situations[situation] = SituationRules(
                        wants: wants, reliefMoment: relief, firstResponse: target, updateEvery: cadence, expectations: defaults, rules: rules,
                        positions: .init(situation: member.keyPosition, firstResponse: targetNode?.position, updateEvery: cadenceNode?.position))
                }
            }
        }

        return situations
    }
}
