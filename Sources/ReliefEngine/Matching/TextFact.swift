/// A fact the customer's texts state in figures and signs, read by `TextFacts` and tested by field
/// signals as `text.NAME` (`text.amount`, `text.oldestAge`, ...). Each case is one meaning, so the
/// path names, the rules check and the evaluator all come from this list.
public enum TextFact: String, Sendable, CaseIterable {
    /// The largest amount of money named with a currency.
    case amount
    /// The lowest temperature named.
    case temperature
    /// The oldest age of a person named ("84-aastane ema", "ta on 84", "88 лет", "aged 79").
    case oldestAge
    /// The youngest age of a person named ("mu 14-aastane tütar", "my 3-year-old", "poeg (16)").
    case youngestAge
    /// Upset emoji, runs of "!!" and shouting.
    case intensity
    /// Questions asked.
    case questions
    /// Smiling, laughing, loving and festive emoji.
    case cheer
    /// Links shared.
    case links
    /// Hashtags used.
    case hashtags
}
