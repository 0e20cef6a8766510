import Foundation

/// Learns the weights of a `weighted` signal from labelled texts: which words, cut to their
/// first few letters so that Estonian endings and English plurals count as one, make a case
/// more or less likely to belong to a situation.
///
/// A logistic regression with an L1 penalty, so most words get no weight at all and the few
/// that remain can be read and argued with in the rules file. Solved by accelerated proximal
/// gradient steps (FISTA) in a fixed order and number, so the same cases always give the same
/// weights. Words are folded as the matcher folds them, so a learned word matches exactly the
/// words it was learned from.
public struct WeightLearner: Sendable {
    public struct Options: Sendable {
        /// Letters a word is cut to; a shorter word is kept whole.
        public var stemLength = 6
        /// Shorter words are not weighed: words of one or two letters ("ja", "ta", "on", "my")
        /// are the grammar of a language, and would weigh which language a set was written in.
        public var minimumLetters = 3
        /// A word must appear in at least this many texts to be weighed.
        public var minimumTexts = 2
        /// How strongly the data outweigh the penalty (larger: more words, larger weights).
        public var strength = 0.5
        /// At most this many steps; learning stops sooner once no weight moves.
        public var iterations = 3000
        public init() {}
    }

    public struct Weight: Sendable, Equatable {
        /// The word as a term: `"pensio*"` for a cut word, `"abi"` for a whole one.
        public var term: String
        public var weight: Double
    }

    /// The learned signal: its bias and its words, the heaviest first.
    public struct Learned: Sendable, Equatable {
        public var bias: Double
        public var weights: [Weight]
        public var texts: Int
        public var positives: Int
        /// Steps taken, and whether the weights settled before `Options.iterations` ran out.
        public var iterations: Int
        public var converged: Bool
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// The distinct words of `text` as the learner weighs them: folded, digits and words shorter
    /// than `minimumLetters` left out, cut to `stemLength` letters; a cut word is written as a
    /// prefix term.
    public func terms(of text: String) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for word in TextFolding.fold(text).split(separator: " ") where word.count >= options.minimumLetters && !word.contains(where: \.isNumber) {
            let stem = word.prefix(options.stemLength)
            let term = stem.count == options.stemLength ? stem + "*" : String(stem)
            if seen.insert(term).inserted { out.append(term) }
        }
        return out
    }

    /// Learns weights from texts labelled as belonging (`true`) or not.
    public func learn(_ examples: [(text: String, positive: Bool)]) -> Learned {
        // Words and the texts they appear in.
        var index: [String: Int] = [:]
        var names: [String] = []
        var rows: [[Int]] = []
        var counts: [Int] = []
        for example in examples {
            var row: [Int] = []
            for term in terms(of: example.text) {
                let k: Int
                if let known = index[term] { k = known } else {
                    k = names.count
                    index[term] = k
                    names.append(term)
                    counts.append(0)
                }
                counts[k] += 1
                row.append(k)
            }
            rows.append(row)
        }
        // Keep words seen in enough texts, numbered in sorted order so the result does not
        // depend on the order of the cases.
        let kept = names.indices.filter { counts[$0] >= options.minimumTexts }.sorted { names[$0] < names[$1] }
        var column = Array(repeating: -1, count: names.count)
        for (c, k) in kept.enumerated() { column[k] = c }
        // The cases in a fixed order too, so sums are added in the same order whatever the input's.
        let cases = zip(rows, examples).map { row, example in
            (x: row.compactMap { column[$0] >= 0 ? column[$0] : nil }.sorted(), y: example.positive ? 1.0 : 0.0)
        }.sorted { $0.x != $1.x ? $0.x.lexicographicallyPrecedes($1.x) : $0.y < $1.y }
        let x = cases.map(\.x)
        let y = cases.map(\.y)
        let n = Double(max(examples.count, 1))
        let lambda = 1 / (options.strength * n)
        let d = kept.count
        let step = 1 / Self.lipschitz(x, columns: d, n: n)

        var w = Array(repeating: 0.0, count: d), b = 0.0
        var v = w, vb = b
        var t = 1.0
        var gradient = Array(repeating: 0.0, count: d)
        var steps = 0, converged = false
        for iteration in 0..<options.iterations {
            steps = iteration + 1
            for j in 0..<d { gradient[j] = 0 }
            var gb = 0.0
            for (i, row) in x.enumerated() {
                var z = vb
                for j in row { z += v[j] }
                let r = (1 / (1 + exp(-z)) - y[i]) / n
                gb += r
                for j in row { gradient[j] += r }
            }
            let previous = w, previousB = b
            b = vb - step * gb
            for j in 0..<d {
                let u = v[j] - step * gradient[j]
                w[j] = u > step * lambda ? u - step * lambda : (u < -step * lambda ? u + step * lambda : 0)
            }
            // Done when no weight moves by a thousandth of the precision weights are printed with.
            var moved = abs(b - previousB)
            for j in 0..<d { moved = max(moved, abs(w[j] - previous[j])) }
            if moved < 1e-6 && iteration > 0 { converged = true; break }
            // Momentum that carries the weights back where they came from is dropped (an
            // adaptive restart): without it, the steps circle the optimum for thousands of rounds.
            var against = (vb - b) * (b - previousB)
            for j in 0..<d { against += (v[j] - w[j]) * (w[j] - previous[j]) }
            if against > 0 { t = 1 }
            let next = (1 + (1 + 4 * t * t).squareRoot()) / 2
            let momentum = (t - 1) / next
            for j in 0..<d { v[j] = w[j] + momentum * (w[j] - previous[j]) }
            vb = b + momentum * (b - previousB)
            t = next
        }
        var weights: [Weight] = []
        for (c, k) in kept.enumerated() where abs(w[c]) >= 0.0005 {
            weights.append(Weight(term: names[k], weight: w[c]))
        }
        weights.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
        return Learned(
            bias: b, weights: weights, texts: examples.count, positives: examples.filter(\.positive).count,
            iterations: steps, converged: converged)
    }

    /// The Lipschitz constant of the loss's gradient, `λmax(AᵀA) / 4n` for the 0/1 rows `x`
    /// with a bias column: a step of its inverse is the longest that still always converges.
    /// The largest eigenvalue is found by power iteration from the all-ones vector (the matrix
    /// has no negative entries, so that start always reaches it), with a margin for the
    /// iteration's shortfall, and never above the bound of the longest row: one long case must
    /// not shrink every step, nor a short estimate make steps overshoot.
    static func lipschitz(_ x: [[Int]], columns d: Int, n: Double) -> Double {
        let longest = Double((x.map(\.count).max() ?? 0) + 1)
        var v = Array(repeating: 1.0, count: d + 1)
        var next = v
        var eigenvalue = 0.0
        for _ in 0..<100 {
            for j in 0...d { next[j] = 0 }
            for row in x {
                var z = v[d]
                for j in row { z += v[j] }
                next[d] += z
                for j in row { next[j] += z }
            }
            let length = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let previous = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard length > 0, previous > 0 else { break }
            eigenvalue = length / previous
            for j in 0...d { v[j] = next[j] / length }
        }
        let bound = longest * n
        return min(bound, max(eigenvalue * 1.05, 1e-12)) / (4 * n)
    }
}
