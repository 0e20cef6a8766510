extension RulesLoader {
    /// The `responses` section: each response's cell, its conditions, and what to say and do,
    /// by whom and by when.
    static func compileResponses(
        _ top: [JSONMember], at here: SourcePosition, owners: [String: LocalizedText], _ references: SignalReferences, _ d: inout RulesDecoding
    ) -> [Response] {
        var responses: [Response] = []
        var responseIds: [String: SourcePosition] = [:]
        if let node = d.required(top, "responses", "", at: here), let items = d.array(node, "responses", nonEmpty: true) {
            let allowed = ["id", "situation", "expectation", "when", "say", "tone", "do", "owner", "within"]
            for (index, item) in items.enumerated() {
                let path = "responses[\(index)]"
                guard let fields = d.object(item, path, allowed: allowed) else { continue }
                let at = item.position
                guard let idNode = d.required(fields, "id", path, at: at), let id = d.string(idNode, path + ".id") else { continue }
                if let first = responseIds[id] {
                    d.report(.duplicateId(kind: "response", id: id, first: first), idNode.position, path + ".id")
                    continue
                }
                responseIds[id] = idNode.position
                let situation = d.required(fields, "situation", path, at: at).flatMap { d.enumName($0, path + ".situation", kind: "situation", as: Situation.self) }
                let expectation = d.required(fields, "expectation", path, at: at).flatMap { d.enumName($0, path + ".expectation", kind: "expectation", as: Expectation.self) }
                let say = d.required(fields, "say", path, at: at).flatMap { d.localizedText($0, path + ".say") }
                let tone = d.required(fields, "tone", path, at: at).flatMap { d.localizedText($0, path + ".tone") }
                let actions = d.required(fields, "do", path, at: at).flatMap { d.localizedList($0, path + ".do") }
                let withinNode = d.required(fields, "within", path, at: at)
                let within = withinNode.flatMap { d.duration($0, path + ".within") }
                var owner: String?
                if let ownerNode = d.required(fields, "owner", path, at: at), let o = d.string(ownerNode, path + ".owner") {
                    if owners[o] != nil || owners.isEmpty { owner = o } else {
                        d.report(.unknownReference(kind: "owner", name: o, suggestion: closestMatch(to: o, in: owners.keys.sorted())), ownerNode.position, path + ".owner")
                    }
                }
                var channels: Set<Channel>?, journeys: Set<Journey>?, segments: Set<String>?, languages: Set<Int>?
                var required: [Int] = []
                var whenOK = true
                if let whenNode = d.member(fields, "when") {
                    let wp = path + ".when"
                    if let whenFields = d.object(whenNode, wp, allowed: ["channel", "journey", "segment", "language", "signals"]) {
                        for member in whenFields {
                            let mp = wp + "." + member.key
                            guard let list = d.array(member.value, mp, nonEmpty: true) else { whenOK = false; continue }
                            switch member.key {
                            case "channel": channels = Set(list.enumerated().compactMap { d.enumName($1, "\(mp)[\($0)]", kind: "channel", as: Channel.self) })
                            case "journey": journeys = Set(list.enumerated().compactMap { d.enumName($1, "\(mp)[\($0)]", kind: "journey", as: Journey.self) })
                            case "segment": segments = Set(list.enumerated().compactMap { d.string($1, "\(mp)[\($0)]")?.lowercased() })
                            case "language":
                                var set = Set<Int>()
                                for (i, item) in list.enumerated() {
                                    guard let code = d.string(item, "\(mp)[\(i)]") else { continue }
                                    if let l = d.languages.firstIndex(of: code.lowercased()) { set.insert(l) } else {
                                        d.report(.unknownReference(kind: "language", name: code, suggestion: closestMatch(to: code, in: d.languages)), item.position, "\(mp)[\(i)]")
                                    }
                                }
                                languages = set
                            case "signals":
                                for (i, item) in list.enumerated() {
                                    if let s = references.signal(item, "\(mp)[\(i)]", &d) { if !required.contains(s) { required.append(s) } } else { whenOK = false }
                                }
                            default: break
                            }
                        }
                    } else { whenOK = false }
                }
                if let situation, let expectation, let say, let tone, let actions, let within, let owner, whenOK {
                    responses.append(Response(
                        id: id, cell: Cell(situation, expectation), channels: channels, journeys: journeys,
                        segments: segments, languages: languages, signals: required, say: say, tone: tone,
                        actions: actions, owner: owner, within: within, position: idNode.position, withinPosition: withinNode?.position))
                }
            }
        }
        return responses
    }
}
