/// A fixed split of labelled cases into a part rules are grown on and a part that is only
/// ever measured, so a figure on `check` shows how the rules do on language they were not
/// tuned to. A case's part depends on its id alone and never changes.
public enum EvalSplit: String, Sendable, CaseIterable {
    /// About 70% of cases: read their misses and grow the rules on them.
    case tune
    /// About 30%: never tuned on; the honest figure.
    case check

    /// The first four bytes of SHA-256 of the id's UTF-8, as a big-endian number, modulo 10:
    /// 0–6 is `tune`, 7–9 is `check`.
    public static func of(_ caseId: String) -> EvalSplit {
        let digest = SHA256.digest(Array(caseId.utf8))
        let number = digest.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return number % 10 < 7 ? .tune : .check
    }
}
