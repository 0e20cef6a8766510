/// The candidate a mistyped name most likely meant, for "did you mean" hints: rules keys and
/// references, commands, subcommands, options and `--columns` fields all ask the same way.
/// Nil when nothing is close enough to be a typo rather than another word.
public func closestMatch(to name: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
        let d = editDistance(name.lowercased(), candidate.lowercased())
        // Within a third of the name (two edits for short ones), and never every letter changed:
        // "fi" is not a slip for "et".
        if d <= max(2, name.count / 3), d < name.count, best == nil || d < best!.1 { best = (candidate, d) }
    }
    return best?.0
}

/// Edits (insert, delete, replace, or swap two neighbours) that turn `a` into `b`. A swap counts
/// as one edit because it is the commonest slip of the fingers (`--txet`).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = Array(repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}

/// "; did you mean 'check'?" when a candidate is close to `name`, else nothing: the tail of an
/// "unknown …" message.
public func didYouMean(_ name: String, in candidates: [String]) -> String {
    closestMatch(to: name, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
}
