/// How text reports are decorated. The CLI picks `.ansi` only for a terminal without NO_COLOR;
/// the engine never looks at the environment itself.
public enum TextStyle: Sendable {
    case plain
    case ansi

    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }

    public func situation(_ s: Situation, _ text: String) -> String {
        switch s {
        case .crisis: return wrap(text, "1;31")
        case .elevated: return wrap(text, "1;35")
        case .unexpected: return wrap(text, "1;33")
        case .everyday: return wrap(text, "1;32")
        }
    }

    public func good(_ s: String) -> String { wrap(s, "32") }
    public func bad(_ s: String) -> String { wrap(s, "31") }

    private func wrap(_ s: String, _ code: String) -> String {
        self == .ansi ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}
