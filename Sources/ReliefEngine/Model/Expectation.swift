/// The six emotional expectations. Loyalty is not one of them: it is what meeting them
/// consistently earns.
public enum Expectation: String, Sendable, CaseIterable, Codable {
    /// "I can trust you": promises kept, honesty when it is uncomfortable.
    case trust
    /// "You know me": name, history, a fitting solution.
    case personalization
    /// "You make my life easier": fewer steps, never asking twice.
    case simplicity
    /// "You understand me": listening, reflecting, matching the tone.
    case empathy
    /// "I know what happens next": process, timeline, updates.
    case consistency
    /// "You make things right": admit, apologise, act fast, leave them better off.
    case recovery

    /// Position in the canonical order, for tables indexed by expectation.
    public var index: Int {
        switch self {
        case .trust: return 0
        case .personalization: return 1
        case .simplicity: return 2
        case .empathy: return 3
        case .consistency: return 4
        case .recovery: return 5
        }
    }
}
