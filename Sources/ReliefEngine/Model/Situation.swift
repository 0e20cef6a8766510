/// The four situations a customer can be in. Each calls for a different feeling:
/// ease, relief and clarity, being known, calm leadership.
public enum Situation: String, Sendable, CaseIterable, Codable, Comparable {
    /// Routine contact: the customer wants it simple and smooth.
    case everyday
    /// Something went wrong: the customer wants relief and clarity.
    case unexpected
    /// A moment that matters to them: the customer wants to feel known.
    case elevated
    /// Safety, money, the law or a vulnerable person at stake: someone must take charge.
    case crisis

    /// How intense the situation is, from everyday (0) to crisis (3). Replay uses it to find the peak.
    public var severity: Int {
        switch self {
        case .everyday: return 0
        case .unexpected: return 1
        case .elevated: return 2
        case .crisis: return 3
        }
    }

    public static func < (lhs: Situation, rhs: Situation) -> Bool { lhs.severity < rhs.severity }
}
