import Foundation

/// A signal that weighs words instead of requiring any one of them: it holds when the words a
/// case's customer texts contain, each counted once, add up to a likelihood of at least
/// `atLeast` (`1 / (1 + e^-(bias + Σ weights))`).
///
/// Crisis is often told as a story with no keyword ("the pension did not come, she lives alone,
/// the medicine runs out tomorrow"): each word is weak evidence, and together they are strong.
/// The weights are learned from a team's labelled cases by `relief rules learn` and written into
/// the rules file, where they can be read, reviewed and changed like any term. Negation does not
/// apply: a weight is learned from the words as customers write them, negators included.
public struct WeightedWords: Sendable, Equatable {
    /// The signal's terms in the matcher: one per word, and one more per informal spelling.
    public var terms: Range<Int>
    /// Per term of `terms`, the index of its word in `words` (an informal spelling shares its
    /// word's weight, and the word counts once however it is spelled).
    public var wordOfTerm: [Int]
    /// The words as written in the rules file, and their weights.
    public var words: [String]
    public var weights: [Double]
    public var bias: Double
    /// The likelihood at which the signal holds, between 0 and 1 (exclusive).
    public var atLeast: Double

    /// The sum of `bias` and the weights at which the likelihood reaches `atLeast`.
    public var threshold: Double { log(atLeast / (1 - atLeast)) }

    /// Whether a case with none of the words already reaches the likelihood: then the signal
    /// holds for every case that does not speak against it, which is never what a team means.
    public var holdsWithoutWords: Bool { Self.micro(bias) >= Self.micro(threshold, roundingUp: true) }

    /// A weight in millionths, the unit sums are added in: whole numbers add up to the same
    /// total in any order, so whether a signal holds never depends on the order of the words.
    /// Rules files write weights to three decimals, which millionths hold exactly; a weight
    /// beyond a million either way counts as a million, so no sum can overflow.
    public static func micro(_ x: Double, roundingUp: Bool = false) -> Int64 {
        let scaled = x * 1_000_000
        let limit = 1e12
        return Int64(max(-limit, min(limit, roundingUp ? scaled.rounded(.up) : scaled.rounded())))
    }
}
