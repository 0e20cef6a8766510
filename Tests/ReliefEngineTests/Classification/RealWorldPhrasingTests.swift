import Testing
@testable import ReliefEngine

/// Messages that are not in Fixtures, written the way customers really write: inflected Estonian,
/// no diacritics, lower case, typos, English contractions. Each with the situation a support
/// lead would choose. They were written before the default rules were tuned, as a second check.
@Suite("Real-world phrasing under the default rules")
struct RealWorldPhrasingTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        var text: String
        var expected: Situation
        var testDescription: String { "\(expected.rawValue): \(text)" }
    }

    static let samples: [Sample] = [
        // everyday
        Sample(text: "tere, kas saaksite öelda mis kell te laupäeviti lahti olete?", expected: .everyday),
        Sample(text: "kuidas ma saan oma parooli muuta", expected: .everyday),
        Sample(text: "Suur aitäh kiire abi eest!", expected: .everyday),
        Sample(text: "hi, how do i update my delivery address?", expected: .everyday),
        Sample(text: "Thanks, that sorted it. Have a nice weekend", expected: .everyday),
        Sample(text: "where can I see the status of my order?", expected: .everyday),
        // unexpected
        Sample(text: "telefon laheb iga 5 min tagant kinni, taiesti katki", expected: .unexpected),
        Sample(text: "Pakk pole siiani kohale jõudnud, tellisin 2 nädalat tagasi", expected: .unexpected),
        Sample(text: "mult voeti raha kaks korda maha", expected: .unexpected),
        Sample(text: "saatsite mulle vale suurusega jope", expected: .unexpected),
        Sample(text: "The blender stopped working after two days", expected: .unexpected),
        Sample(text: "I've been charged twice for the same order", expected: .unexpected),
        Sample(text: "still havent received my package and nobody answers", expected: .unexpected),
        Sample(text: "this is the worst customer service I have ever had", expected: .unexpected),
        Sample(text: "you sent me the wrong item, I ordered blue not red", expected: .unexpected),
        // An age named beside a broken thing is no danger by itself.
        Sample(text: "Mu 10-aastase poja tahvelarvuti ekraan on katki, kas garantii kehtib?", expected: .unexpected),
        // elevated
        Sample(text: "Tellisin tordi tütre sünnipäevaks laupäevaks, kas see jõuab kindlasti kohale?", expected: .elevated),
        Sample(text: "soovin lepingu lopetada ja lahen teise firma juurde", expected: .elevated),
        Sample(text: "I want to cancel my subscription, switching to another provider", expected: .elevated),
        Sample(text: "The flowers for my father's funeral on Friday have not arrived", expected: .elevated),
        Sample(text: "Our wedding rings were supposed to be ready last week", expected: .elevated),
        Sample(text: "Tegin täna viimase laenumakse, kas leping on nüüd lõppenud?", expected: .elevated),
        // crisis
        Sample(text: "keegi on mu kontole sisse loginud ja raha ara kandnud", expected: .crisis),
        Sample(text: "Someone used my card for payments I didn't make, 900 euros gone", expected: .crisis),
        Sample(text: "Kui raha tagasi ei kanna, pöördun kohtusse", expected: .crisis),
        Sample(text: "I'm going to the press with this and my lawyer is already involved", expected: .crisis),
        Sample(text: "laadija hakkas suitsema ja sulas, laps oli kõrval", expected: .crisis),
        Sample(text: "My elderly mother has had no heating for two days in this frost", expected: .crisis),
        // A child or an old person named only by age, exposed: out in the frost, alone at night.
        Sample(text: "viimane buss ei tulnud, 9a poeg yksi peatuses ja -15 kraadi", expected: .crisis),
        Sample(text: "my mum is 86, the assistance you booked never showed up and she is alone at the station", expected: .crisis),
        Sample(text: "my account has been hacked, I can't log in and my email was changed", expected: .crisis),
        Sample(text: "Teie vea pärast arestis kohtutäitur mu palga", expected: .crisis),
    ]

    @Test("lands where a support lead would put it", arguments: samples)
    func lands(sample: Sample) throws {
        let rules = try #require(RulesLoader.load(DefaultRules.source).rules)
        let decision = Classifier(rules: rules).classify(.quick(text: sample.text), now: nil)
        let why = decision.signals.map { "\($0.id): \($0.evidence.map(\.matched))" }
        #expect(decision.situation == sample.expected, "got \(decision.situation.rawValue) from \(why)")
    }
}
