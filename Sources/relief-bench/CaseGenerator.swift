import Foundation
import ReliefEngine

/// A small, fast, seedable random generator (SplitMix64), so generated data is the same on
/// every machine for the same seed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E3779B97F4A7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

/// Generates realistic cases: Estonian and English, all four situations, messages of 50 to
/// 1,500 characters (most near 400), histories of 1 to 12 events.
struct CaseGenerator {
    var random: SeededRandom
    /// Multiplies the number of events per case (for the long-history scaling figure).
    var historyScale = 1

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    // Sentences by language and situation; messages are built from them and neutral filler.
    static let sentences: [String: [Situation: [String]]] = [
        "et": [
            .everyday: ["Tere, kas saaksite öelda, mis kell te laupäeviti avatud olete?", "Kuidas ma saan oma parooli muuta?", "Soovin muuta oma tarneaadressi.", "Suur aitäh kiire abi eest!", "Kus ma näen oma tellimuse staatust?"],
            .unexpected: ["Pesumasin läks katki juba teisel nädalal.", "Pakk pole siiani kohale jõudnud.", "Mult võeti raha kaks korda maha.", "Saatsite mulle vale suurusega jope.", "Kirjutan juba kolmandat korda ja keegi ei vasta."],
            .elevated: ["Tellisin tordi tütre sünnipäevaks.", "Pulmad on laupäeval ja kleit hilineb.", "Tegin täna viimase laenumakse.", "Soovin lepingu lõpetada ja lähen teise firma juurde.", "Lilled isa matusteks pole kohal."],
            .crisis: ["Keegi on mu kontole sisse loginud ja raha ära kandnud.", "Laadija hakkas suitsema ja sulas.", "Kui raha tagasi ei kanna, pöördun kohtusse.", "Vanaema on pakasega kolm päeva ilma kütteta.", "Kohtutäitur arestis teie vea tõttu mu konto."],
        ],
        "en": [
            .everyday: ["Hi, what are your opening hours on Sunday?", "How do I reset my password?", "I would like to update my delivery address.", "Thanks a lot for sorting this out so quickly!", "Where can I see the status of my order?"],
            .unexpected: ["The blender stopped working after two days.", "I have been charged twice for the same order.", "My package still hasn't arrived.", "You sent me the wrong item.", "This is the third time I am writing and nobody answers."],
            .elevated: ["The cake is for my daughter's birthday on Saturday.", "Our wedding is next week and the rings are late.", "I just made my final loan payment.", "I want to cancel my contract and switch to another provider.", "The flowers for my father's funeral have not arrived."],
            .crisis: ["Someone hacked my account and money is gone.", "The charger started smoking and melted.", "My lawyer will contact you and I am going to the press.", "My elderly mother has had no heating for three days in this frost.", "Payments I never made were taken from my card."],
        ],
    ]

    static let filler: [String: [String]] = [
        "et": ["Ostsin selle teie e-poest eelmisel kuul.", "Tellimuse number on kirjas allpool.", "Olen teie klient olnud juba mitu aastat.", "Palun andke teada, mis edasi saab.", "Lisan pildi ja arve koopia.", "Helistasin ka eile, aga jäin ootele."],
        "en": ["I bought it from your online shop last month.", "The order number is below.", "I have been a customer for several years.", "Please let me know what happens next.", "I attach a photo and a copy of the receipt.", "I also called yesterday but was left on hold."],
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    /// Message length: mostly near 400 characters, a tail up to 1,500, never below 50.
    mutating func messageLength() -> Int {
        if int(0...9) == 0 { return int(600...1500) }
        let a = int(150...650), b = int(150...650)
        return max(50, (a + b) / 2)
    }

    mutating func message(_ language: String, _ situation: Situation) -> String {
        let target = messageLength()
        let key = Self.sentences[language]![situation]!
        var text = key[int(0...(key.count - 1))]
        let filler = Self.filler[language]!
        while text.count < target {
            text += " " + (int(0...3) == 0 ? key[int(0...(key.count - 1))] : filler[int(0...(filler.count - 1))])
        }
        return String(text.prefix(max(50, target)))
    }

    /// One open case as a JSON line, as a live queue holds them at `now` (seconds since 1970):
    /// opened in the three days before, 1 to 4 events (a first customer message, then agent
    /// answers, some with a promise, and further customer messages), no resolution. Younger
    /// than the histories `nextCase` writes, which run to the end of a conversation.
    mutating func nextOpenCase(_ index: Int, now: Int) -> String {
        let language = int(0...1) == 0 ? "et" : "en"
        let situation = Situation.allCases[int(0...3)]
        let base = now - int(600...259_200)
        var list: [JSON] = []
        var at = base
        for e in 0..<int(1...4) {
            let fromCustomer = e == 0 || int(0...1) == 0
            var event: [String: JSON] = ["at": .string(ISO8601.format(Date(timeIntervalSince1970: Double(at)))), "type": .string("message"), "from": .string(fromCustomer ? "customer" : "agent")]
            if fromCustomer {
                event["text"] = .string(message(language, e == 0 ? Situation.allCases[int(0...situation.severity)] : situation))
            } else {
                event["text"] = .string(language == "et" ? "Vaatame asja üle ja anname teada." : "We are looking into it and will get back to you.")
                if int(0...2) == 0 { event["promise"] = .object(["due": .string(ISO8601.format(Date(timeIntervalSince1970: Double(at + int(3600...86_400)))))]) }
            }
            list.append(.object(event))
            at = min(now, at + int(60...28_800))
        }
        let channels = ["email", "chat", "phone", "web", "social", "sms"]
        return JSONWriter.write(.object([
            "id": .string("Q-\(index)"),
            "openedAt": .string(ISO8601.format(Date(timeIntervalSince1970: Double(base)))),
            "channel": .string(channels[int(0...(channels.count - 1))]),
            "customer": .object(["language": .string(language), "tenureMonths": .int(int(0...120))]),
            "events": .array(list),
        ]))
    }

    /// One case as a JSON line.
    mutating func nextCase(_ index: Int) -> String {
        let language = int(0...1) == 0 ? "et" : "en"
        let situation = Situation.allCases[int(0...3)]
        let base = 1_772_355_600 + index * 60   // 2026-03-01T09:00:00Z onwards
        let events = int(1...12) * historyScale
        var list: [JSON] = []
        var at = base
        for e in 0..<events {
            at += int(60...36_000)
            let fromCustomer = e == 0 || int(0...2) > 0
            var event: [String: JSON] = ["at": .string(ISO8601.format(Date(timeIntervalSince1970: Double(at)))), "type": .string("message"), "from": .string(fromCustomer ? "customer" : "agent")]
            if fromCustomer {
                // Later messages drift towards the case's situation.
                let s = e == 0 ? Situation.allCases[int(0...situation.severity)] : situation
                event["text"] = .string(message(language, s))
            } else {
                event["text"] = .string(language == "et" ? "Vaatame asja üle ja anname teada." : "We are looking into it and will get back to you.")
                if int(0...3) == 0 { event["promise"] = .object(["due": .string(ISO8601.format(Date(timeIntervalSince1970: Double(at + 86_400))))]) }
            }
            list.append(.object(event))
        }
        if int(0...4) == 0 { list.append(.object(["at": .string(ISO8601.format(Date(timeIntervalSince1970: Double(at + 3600)))), "type": .string("feedback"), "csat": .int(int(1...5))])) }
        let channels = ["email", "chat", "phone", "web", "social", "sms"]
        let object: JSON = .object([
            "id": .string("G-\(index)"),
            "openedAt": .string(ISO8601.format(Date(timeIntervalSince1970: Double(base)))),
            "channel": .string(channels[int(0...(channels.count - 1))]),
            "customer": .object(["language": .string(language), "tenureMonths": .int(int(0...120))]),
            "events": .array(list),
        ])
        return JSONWriter.write(object)
    }
}
