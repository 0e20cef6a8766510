/// Text for people in every language the rules file declares, indexed by language.
/// Resolved at load time, so evaluation never looks a language up by its code.
public struct LocalizedText: Sendable, Equatable {
    public var values: [String]

    public init(_ values: [String]) { self.values = values }

    /// The text in language `index`, falling back to the first language that has one.
    public func text(_ index: Int) -> String {
        if index < values.count, !values[index].isEmpty { return values[index] }
        return values.first(where: { !$0.isEmpty }) ?? ""
    }
}

/// A list of lines (backstage actions) in every declared language.
public struct LocalizedList: Sendable, Equatable {
    public var values: [[String]]

    public init(_ values: [[String]]) { self.values = values }

    public func list(_ index: Int) -> [String] {
        if index < values.count, !values[index].isEmpty { return values[index] }
        return values.first(where: { !$0.isEmpty }) ?? []
    }
}
