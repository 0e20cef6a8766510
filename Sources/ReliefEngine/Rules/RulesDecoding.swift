import Foundation

/// Reads typed values out of a positioned JSON tree, recording a `RulesProblem` for every
/// mismatch instead of stopping, so one check lists all of a file's problems.
struct RulesDecoding {
    var problems: [RulesProblem] = []
    var languages: [String] = []
    /// Per language, the language whose wording it uses: itself, or the one its `playbookIn`
    /// names. A localized text may leave such a language out; it then reads the other's.
    var wordedIn: [Int] = []

    mutating func report(_ kind: RulesProblem.Kind, _ position: SourcePosition?, _ field: String) {
        problems.append(RulesProblem(kind, at: position, field: field))
    }

    /// The members of an object node, after warning about unknown and repeated keys.
    mutating func object(_ node: JSONNode, _ path: String, allowed: [String]?) -> [JSONMember]? {
        guard let members = node.objectValue else {
            report(.wrongType(key: lastKey(path), expected: "an object", found: node.kindDescription), node.position, path)
            return nil
        }
        var seen: [String: SourcePosition] = [:]
        for member in members {
            if let first = seen[member.key] {
                report(.duplicateId(kind: "key", id: member.key, first: first), member.keyPosition, join(path, member.key))
            } else {
                seen[member.key] = member.keyPosition
            }
            if let allowed, !allowed.contains(member.key), member.key != "$schema" {
                report(.unknownKey(member.key, suggestion: closestMatch(to: member.key, in: allowed)), member.keyPosition, join(path, member.key))
            }
        }
        return members
    }

    func member(_ members: [JSONMember], _ key: String) -> JSONNode? {
        members.first(where: { $0.key == key })?.value
    }

    mutating func required(_ members: [JSONMember], _ key: String, _ path: String, at position: SourcePosition) -> JSONNode? {
        guard let node = member(members, key) else {
            report(.missingKey(key), position, join(path, key))
            return nil
        }
        return node
    }

    /// `path` is worded only for an error: a rules file has thousands of strings.
    mutating func string(_ node: JSONNode, _ path: @autoclosure () -> String, nonEmpty: Bool = true) -> String? {
        guard let s = node.stringValue else {
            report(.wrongType(key: lastKey(path()), expected: "a string", found: node.kindDescription), node.position, path())
            return nil
        }
        if nonEmpty && Self.isBlank(s) {
            report(.empty("'\(lastKey(path()))'"), node.position, path())
            return nil
        }
        return s
    }

    /// Empty or only white space (Unicode's White_Space: spaces, tabs, line and paragraph
    /// breaks). A text that starts with a visible ASCII character is answered from its first byte.
    static func isBlank(_ s: String) -> Bool {
        if let first = s.utf8.first, first > 0x20 && first < 0x7F { return false }
        return s.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    mutating func number(_ node: JSONNode, _ path: String) -> Double? {
        guard let n = node.numberValue else {
            report(.wrongType(key: lastKey(path), expected: "a number", found: node.kindDescription), node.position, path)
            return nil
        }
        guard n.isFinite else {
            // JSON5 allows Infinity and NaN; no setting of a rules file means them.
            report(.badValue(key: lastKey(path), expected: "a finite number, not \(n.isNaN ? "NaN" : n < 0 ? "-Infinity" : "Infinity")"), node.position, path)
            return nil
        }
        return n
    }

    /// An optional whole-number setting within `range`, or `fallback` when absent or invalid.
    mutating func wholeNumber(_ members: [JSONMember], _ key: String, in range: ClosedRange<Int>, default fallback: Int) -> Int {
        guard let node = member(members, key), let n = number(node, key) else { return fallback }
        guard n == n.rounded(), n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
            report(.badValue(key: key, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)"), node.position, key)
            return fallback
        }
        return Int(n)
    }

    mutating func bool(_ node: JSONNode, _ path: String) -> Bool? {
        guard let b = node.boolValue else {
            report(.wrongType(key: lastKey(path), expected: "true or false", found: node.kindDescription), node.position, path)
            return nil
        }
        return b
    }

    mutating func array(_ node: JSONNode, _ path: String, nonEmpty: Bool = false) -> [JSONNode]? {
        guard let items = node.arrayValue else {
            report(.wrongType(key: lastKey(path), expected: "an array", found: node.kindDescription), node.position, path)
            return nil
        }
        if nonEmpty && items.isEmpty {
            report(.empty("'\(lastKey(path))'"), node.position, path)
        }
        return items
    }

    mutating func stringList(_ node: JSONNode, _ path: String, nonEmpty: Bool = false) -> [(String, SourcePosition)]? {
        guard let items = array(node, path, nonEmpty: nonEmpty) else { return nil }
        var result: [(String, SourcePosition)] = []
        for (i, item) in items.enumerated() {
            if let s = string(item, "\(path)[\(i)]") { result.append((s, item.position)) }
        }
        return result
    }

    mutating func duration(_ node: JSONNode, _ path: String) -> ISODuration? {
        guard let text = string(node, path) else { return nil }
        guard let duration = ISODuration.parse(text) else {
            report(.badDuration(text), node.position, path)
            return nil
        }
        return duration
    }

    /// Whether language `index` is worded in another, so its texts may be left out.
    private func borrowsWording(_ index: Int) -> Bool { index < wordedIn.count && wordedIn[index] != index }

    /// Fills the texts a language worded in another left out with that language's.
    private func borrowed<T>(_ values: inout [T], given: [Bool]) {
        for index in values.indices where !given[index] && borrowsWording(index) { values[index] = values[wordedIn[index]] }
    }

    /// `{et: "...", en: "..."}` with every declared language present (a language worded in
    /// another may be left out).
    mutating func localizedText(_ node: JSONNode, _ path: String) -> LocalizedText? {
        guard let members = object(node, path, allowed: languages) else { return nil }
        var values = Array(repeating: "", count: languages.count)
        var given = Array(repeating: true, count: languages.count)
        var complete = true
        for (index, language) in languages.enumerated() {
            guard let value = member(members, language) else {
                given[index] = false
                if borrowsWording(index) { continue }
                report(.missingLanguage(language), node.position, join(path, language))
                complete = false
                continue
            }
            let field = join(path, language)
            if let s = string(value, field) { values[index] = s } else { complete = false }
        }
        borrowed(&values, given: given)
        return complete ? LocalizedText(values) : nil
    }

    /// `{et: ["..."], en: ["..."]}` with every declared language present and non-empty (a
    /// language worded in another may be left out).
    mutating func localizedList(_ node: JSONNode, _ path: String) -> LocalizedList? {
        guard let members = object(node, path, allowed: languages) else { return nil }
        var values = Array(repeating: [String](), count: languages.count)
        var given = Array(repeating: true, count: languages.count)
        var complete = true
        for (index, language) in languages.enumerated() {
            guard let value = member(members, language) else {
                given[index] = false
                if borrowsWording(index) { continue }
                report(.missingLanguage(language), node.position, join(path, language))
                complete = false
                continue
            }
            if let list = stringList(value, join(path, language), nonEmpty: true), !list.isEmpty {
                values[index] = list.map(\.0)
            } else { complete = false }
        }
        borrowed(&values, given: given)
        return complete ? LocalizedList(values) : nil
    }

    mutating func enumName<E: RawRepresentable & CaseIterable>(_ node: JSONNode, _ path: String, kind: String, as: E.Type) -> E? where E.RawValue == String {
        guard let text = string(node, path) else { return nil }
        if let value = E(rawValue: text) { return value }
        report(.unknownReference(kind: kind, name: text, suggestion: closestMatch(to: text, in: E.allCases.map(\.rawValue))), node.position, path)
        return nil
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func lastKey(_ path: String) -> String {
        var key = path
        if let dot = key.lastIndex(of: ".") { key = String(key[key.index(after: dot)...]) }
        return key.isEmpty ? "value" : key
    }
}
