import Foundation

/// The signal `relief rules learn` prints: a `weighted` signal in the rules file's own format,
/// ready to paste into `signals` and to be reviewed like any other change.
public enum WeightedWordsSnippet {
    /// Why the learned signal cannot be written as one that loads and means something, or nil:
    /// no word was weighed (every case had the same label, or no word was repeated), or the
    /// bias alone reaches the likelihood, so the signal would hold for every case.
    public static func problem(_ learned: WeightLearner.Learned, situation: Situation, atLeast: Double) -> String? {
        if learned.weights.isEmpty {
            let all = learned.positives == learned.texts ? "every one" : learned.positives == 0 ? "none" : nil
            return "no word weighs for \(situation.rawValue) in the \(learned.texts) labelled cases"
                + (all.map { " (\($0) of them is \(situation.rawValue), so words cannot tell them apart)" } ?? "; label more cases or lower --strength")
        }
        let written = WeightedWords(terms: 0..<0, wordOfTerm: [], words: [], weights: [], bias: Double(number(learned.bias)) ?? learned.bias, atLeast: atLeast)
        if written.holdsWithoutWords {
            return "the learned signal would hold for every case: \(learned.positives) of \(learned.texts) cases are \(situation.rawValue), so its bias alone reaches --at-least \(number(atLeast)); raise --at-least or label more cases that are not"
        }
        return nil
    }

    /// The signal as rules-file text. `arguments` are the command's, written into a comment so
    /// the signal can be learned again; each is quoted when it holds more than plain characters.
    public static func render(
        _ learned: WeightLearner.Learned, id: String, situation: Situation, language: String, atLeast: Double, arguments: [String]
    ) -> String {
        let share = learned.texts == 0 ? 0 : Double(learned.positives) * 100 / Double(learned.texts)
        let command = (["relief rules learn"] + arguments.map(quoted)).joined(separator: " ")
        var out = """
            {
              id: \(JSONWriter.write(.string(id))),
              about: "Words that together tell of \(situation.rawValue), learned from \(learned.texts) labelled cases (\(learned.positives) of them \(situation.rawValue), \(String(format: "%.0f", share))%).",
              // \(command)
              // Learn again from more labels rather than editing weights one by one; add examples it must and must not match.
              weighted: {
                bias: \(number(learned.bias)),
                atLeast: \(number(atLeast)),
                words: {
                  \(JSONWriter.write(.string(language))): {

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

    /// An argument as a shell and a comment both read it: plain, or as a JSON string, which
    /// escapes quotes and line breaks so the comment stays one line.
    static func quoted(_ argument: String) -> String {
        let plain = !argument.isEmpty && argument.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./=:,@+%".unicodeScalars.contains($0)
        }
        return plain ? argument : JSONWriter.write(.string(argument))
    }

    /// Three decimals, without trailing zeros: weights are read by people.
    static func number(_ x: Double) -> String {
        var s = String(format: "%.3f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
