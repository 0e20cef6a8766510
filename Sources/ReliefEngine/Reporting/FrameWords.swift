/// The words `rules show` puts around the rules' own texts (headings, labels, the names of
/// situations, expectations and conditions, the units of durations) in the language the texts
/// are shown in. One value per language, so a workshop handout in Estonian is Estonian from
/// title to footnote, and a new language is one more value, not conditionals in the reporters.
/// Identifiers the team writes in the rules file (response ids, signal ids, channel names, the
/// hit policy) stay as written: they are what the team searches for.
public struct FrameWords: Sendable, Equatable {
    /// The language code these words are for.
    public var code: String
    public var units: PeopleTime.Units

    // Situations, expectations and the keys of a response's `when`.
    public var everyday, unexpected, elevated, crisis: String
    public var trust, personalization, simplicity, empathy, consistency, recovery: String
    public var channel, journey, segment, language, signals: String

    // The rules' header line, lower case.
    public var precedence, fallback, hitPolicy: String
    // Per situation.
    public var wants, reliefMoment, atStake, firstResponse: String
    /// Put around a duration: "within 15 min", "15 min jooksul".
    public var withinBefore, withinAfter: String
    /// The update cadence: its column's heading, and the words around it beside the first
    /// response ("then an update at least every 1 h").
    public var updateEvery, updatesBefore, updatesAfter: String
    // The matrix and the responses.
    public var situation, matrix, matrixNote, situations, responses, noResponse: String
    public var say, tone, actions, owner: String
    /// Beside a response without conditions, and before a response's conditions.
    public var byDefault, when: String

    public func name(_ s: Situation) -> String {
        switch s {
        case .everyday: return everyday
        case .unexpected: return unexpected
        case .elevated: return elevated
        case .crisis: return crisis
        }
    }

    public func name(_ e: Expectation) -> String {
        switch e {
        case .trust: return trust
        case .personalization: return personalization
        case .simplicity: return simplicity
        case .empathy: return empathy
        case .consistency: return consistency
        case .recovery: return recovery
        }
    }

    public func name(_ key: ResponseCondition.Key) -> String {
        switch key {
        case .channel: return channel
        case .journey: return journey
        case .segment: return segment
        case .language: return language
        case .signals: return signals
        }
    }

    /// "then an update at least every 1 h" in English, "edasi teade vähemalt iga 1 t tagant" in Estonian.
    public func updates(_ d: ISODuration) -> String {
        updatesBefore + PeopleTime.duration(d, units: units) + updatesAfter
    }

    /// "within 15 min" in English, "15 min jooksul" in Estonian.
    public func within(_ d: ISODuration) -> String {
        withinBefore + PeopleTime.duration(d, units: units) + withinAfter
    }

    /// The response's conditions in these words: "when segment long-time, signals fraud + x", or
    /// "default" for a response without them.
    public func conditions(_ list: [ResponseCondition]) -> String {
        list.isEmpty ? byDefault : when + " " + list.map { $0.text(keyName: name($0.key)) }.joined(separator: ", ")
    }

    public static let english = FrameWords(
        code: "en", units: .english,
        everyday: "everyday", unexpected: "unexpected", elevated: "elevated", crisis: "crisis",
        trust: "trust", personalization: "personalization", simplicity: "simplicity", empathy: "empathy",
        consistency: "consistency", recovery: "recovery",
        channel: "channel", journey: "journey", segment: "segment", language: "language", signals: "signals",
        precedence: "precedence", fallback: "fallback", hitPolicy: "hit policy",
        wants: "Customer wants", reliefMoment: "Relief moment", atStake: "At stake", firstResponse: "first response",
        withinBefore: "within ", withinAfter: "",
        updateEvery: "update every", updatesBefore: "then an update at least every ", updatesAfter: "",
        situation: "situation", matrix: "Matrix", matrixNote: "responses per cell; * = a default, the others have conditions",
        situations: "Situations", responses: "Responses", noResponse: "no response",
        say: "Say", tone: "Tone", actions: "Do", owner: "Owner",
        byDefault: "default", when: "when")

    /// Estonian, with the situation and expectation names of the project's source texts.
    public static let estonian = FrameWords(
        code: "et", units: .estonian,
        everyday: "igapäevane", unexpected: "ootamatu", elevated: "kõrgendatud", crisis: "kriis",
        trust: "usaldus", personalization: "personaalsus", simplicity: "lihtsus", empathy: "empaatia",
        consistency: "järjepidevus", recovery: "kindlustunne",
        channel: "kanal", journey: "teekond", segment: "segment", language: "keel", signals: "signaalid",
        precedence: "eelisjärjekord", fallback: "kui ükski reegel ei sobi", hitPolicy: "vastuse valik",
        wants: "Klient soovib", reliefMoment: "Kergenduse hetk", atStake: "Kaalul", firstResponse: "esimene vastus",
        withinBefore: "", withinAfter: " jooksul",
        updateEvery: "teade iga", updatesBefore: "edasi teade vähemalt iga ", updatesAfter: " tagant",
        situation: "olukord", matrix: "Maatriks", matrixNote: "vastuseid lahtris; * = vaikevastus, teistel on tingimused",
        situations: "Olukorrad", responses: "Vastused", noResponse: "vastus puudub",
        say: "Ütle", tone: "Toon", actions: "Tee", owner: "Vastutaja",
        byDefault: "vaikimisi", when: "kui")

    public static let all: [FrameWords] = [.english, .estonian]

    /// The words for language `code`; English for a language without its own.
    public static func forLanguage(_ code: String) -> FrameWords {
        all.first { $0.code == code.lowercased() } ?? .english
    }
}
