import Foundation

/// The signal `relief rules learn` prints: a `weighted` signal in the rules file's own format,
/// ready to paste into `signals` and to be reviewed like any other change.
public enum WeightedWordsSnippet {
    public static func render(
        _ learned: WeightLearner.Learned, id: String, situation: Situation, language: String, atLeast: Double, command: String
    ) -> String {
        let share = learned.texts == 0 ? 0 : Double(learned.positives) * 100 / Double(learned.texts)
        var out = """
            {
              id: "\(id)",
              about: "Words that together tell of \(situation.rawValue), learned from \(learned.texts) labelled cases (\(learned.positives) of them \(situation.rawValue), \(String(format: "%.0f", share))%).",
              // \(command)
              // Learn again from more labels rather than editing weights one by one; add examples it must and must not match.
              weighted: {
                bias: \(number(learned.bias)),
                atLeast: \(number(atLeast)),
                words: {
                  \(language): {

        """
        for w in learned.weights {
            out += "            " + JSONWriter.write(.string(w.term)) + ": " + number(w.weight) + ",\n"
        }
        out += """
                  },
                },
              },
            },

        """
        return out
    }

    /// Three decimals, without trailing zeros: weights are read by people.
    static func number(_ x: Double) -> String {
        var s = String(format: "%.3f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
