/// A team's own words for values in its export, mapped to Relief's: `--map
/// channel:telefon=phone,from:klient=customer`. Compared without regard to case.
public struct CSVValueMap: Sendable, Equatable {
    /// The columns whose values can be mapped, with the values they may be mapped to.
    public enum Column: String, CaseIterable, Sendable {
        case channel, from, journey, stage, status

        /// Relief's values for the column, the only allowed targets.
        public var allowed: [String] {
            switch self {
            case .channel: return Channel.allCases.map(\.rawValue)
            case .from: return AuthorRole.allCases.map(\.rawValue)
            case .journey: return Journey.allCases.map(\.rawValue)
            case .stage: return Stage.allCases.map(\.rawValue)
            case .status: return ["new", "open", "pending", "resolved", "closed", "reopened"]
            }
        }

        /// Words read without a `--map`: the Estonian names helpdesks use for statuses.
        /// (Channels and roles have their own built-in names, in `CSVCaseAssembler` and `AuthorRoles`.)
        var builtIn: [String: String] {
            switch self {
            case .status:
                return ["uus": "new", "avatud": "open", "ootel": "pending", "lahendatud": "resolved", "suletud": "closed", "taasavatud": "reopened"]
            case .channel, .from, .journey, .stage:
                return [:]
            }
        }
    }

    /// A problem with the `--map` text.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
    }

    private var table: [Column: [String: String]] = [:]

    public init() {}

    /// Parses `column:value=target,column:value=target`.
    public static func parse(_ spec: String) throws(Problem) -> CSVValueMap {
        var map = CSVValueMap()
        for part in spec.split(separator: ",", omittingEmptySubsequences: true) {
            guard let colon = part.firstIndex(of: ":"), let eq = part.lastIndex(of: "="), colon < eq else {
                throw Problem(message: "'\(part)' in --map must be column:value=target, such as channel:telefon=phone")
            }
            let name = part[..<colon].trimmingSpaces.lowercased()
            guard let column = Column(rawValue: name) else {
                let suggestion = closestMatch(to: name, in: Column.allCases.map(\.rawValue)).map { "; did you mean '\($0)'?" } ?? ""
                throw Problem(message: "--map cannot map the column '\(name)'; it maps \(Column.allCases.map(\.rawValue).joined(separator: ", "))\(suggestion)")
            }
            let value = part[part.index(after: colon)..<eq].trimmingSpaces.lowercased()
            let target = part[part.index(after: eq)...].trimmingSpaces.lowercased()
            guard !value.isEmpty else { throw Problem(message: "no value to map in '\(part)' in --map") }
            guard column.allowed.contains(target) else {
                throw Problem(message: "'\(target)' is not a \(column.rawValue) Relief knows (in '\(part)' of --map); expected one of \(column.allowed.joined(separator: ", "))")
            }
            if let earlier = map.table[column]?[value], earlier != target {
                throw Problem(message: "--map maps \(column.rawValue) '\(value)' twice, to '\(earlier)' and to '\(target)'")
            }
            map.table[column, default: [:]][value] = target
        }
        return map
    }

    /// The value as Relief names it: the mapped target, else the value itself, lower-cased.
    public func apply(_ column: Column, _ value: String) -> String {
        let key = value.lowercased()
        return table[column]?[key] ?? column.builtIn[key] ?? key
    }

    public var isEmpty: Bool { table.isEmpty }
}
