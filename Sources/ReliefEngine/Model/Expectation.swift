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
}
