/// The rules that ship with Relief. `source` is generated at build time from
/// `Rules/default.json5`, so the binary works from any directory with no flags.
public enum DefaultRules {
    /// How the embedded rules are named in messages and audit entries.
    public static let fileName = "<default rules>"
}
