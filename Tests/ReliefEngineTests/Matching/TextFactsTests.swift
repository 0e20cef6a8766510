import Testing
@testable import ReliefEngine

@Suite("Facts stated in figures: amounts, temperatures, intensity, scripts")
struct TextFactsTests {
    func facts(_ text: String) -> TextFacts {
        var f = TextFacts()
        f.add(text)
        return f
    }

    @Test("amounts with a currency sign or word, in the ways people write them")
    func amounts() {
        let cases: [(String, Double?)] = [
            ("diivan maksis 5000 eurot", 5000), ("Diivan maksis 5 000 eurot", 5000), ("paid €1,200.50 for it", 1200.5),
            ("arve 1.200,50 EUR", 1200.5), ("it cost $300 and then 40 dollars more", 300), ("5k eur", 5000),
            ("2 tuhat eurot", 2000), ("12.50€", 12.5), ("£75", 75), ("order 5521 is late", nil), ("I waited 3 weeks", nil),
            ("tel 5123 4567", nil),
            ("ушло 2300 евро", 2300), ("заплатила 3 тысячи евро за диван", 3000), ("заказ 77120", nil),
        ]
        for (text, expected) in cases { #expect(facts(text).largestAmount == expected, "\(text)") }
    }

    @Test("temperatures: a unit after the number, a minus sign or word before it, frost after the unit")
    func temperatures() {
        let cases: [(String, Double?)] = [
            ("-20 kraadi ja radiaatorid on külmad", -20), ("väljas on miinus 25", -25), ("it is -18°C outside", -18),
            ("25 kraadi külma ja küte ei tööta", -25), ("20 degrees below", -20), ("toas on 14 kraadi", 14),
            ("-20 and the radiators are cold", -20), ("allahindlus -20%", nil), ("hinnad 5-10 eurot", nil), ("order 66120", nil),
            ("impacted by COVID-19 like everyone", nil), ("mudel A-4 on otsas", nil), ("õues (-15) ja küte maas", -15),
            ("на улице минус 20, батареи холодные", -20), ("-18 градусов, отопления нет", -18), ("20 градусов мороза", -20),
            ("скидка -20% на всё", nil),
        ]
        for (text, expected) in cases { #expect(facts(text).lowestTemperature == expected, "\(text)") }
    }

    @Test("ages: an age word after the number, or the number stated of a person; terms and tenure are not ages")
    func ages() {
        let cases: [(String, Double?, Double?)] = [
            ("mu ema on 84-aastane ja elab üksi", 84, 84),
            ("isa kirjutati välja, ta on 84, ja istub fuajees", 84, 84),
            ("Ta on 91 ja elas terve elu talus", 91, 91),
            ("kuller karjus mu 14-aastase tütre peale", 14, 14),
            ("juht keeldus mu 10-aastast tütart bussi võtmast", 10, 10),
            ("nägin 6-aastast poega üksi peatuses", 6, 6),
            ("olen 40-aastast laenu maksnud", nil, nil),
            ("Minu poeg (16) on liikumispuudega", 16, 16),
            ("Пишу про соседку, 88 лет, живёт одна", 88, 88),
            ("водитель трогал мою 16-летнюю дочь", 16, 16),
            ("my 3-year-old and my 79 year old mother were on board", 79, 3),
            ("my dad is 84 and lives alone", 84, 84),
            ("Olen 82-aastane ja arvutiga hästi ei saa", 82, 82),
            ("aged 79, stranded at the gate", 79, 79),
            ("ema, 84, elab üksi", 84, 84),
            ("30-aastane kodulaen, intress tõusis", nil, nil),
            ("olen teie klient 10 aastat", nil, nil),
            ("Я ваш клиент уже 10 лет", nil, nil),
            ("kell on 10, ja pakki pole", nil, nil),
            ("arve on 47 eurot", nil, nil),
            ("ema on 2 päeva haiglas", nil, nil),
            ("tellimus 5521 hilineb", nil, nil),
            ("she's 84 and the heating is off", 84, 84),
            ("I'm 82 and cannot use the app", 82, 82),
            ("my neighbour, who is 84 and lives alone", 84, 84),
            ("ему 85, он один дома", 85, 85),
            ("minu tütrel on 5. klassi lõpupidu", nil, nil),
            ("ta on 5. korda ootel", nil, nil),
            ("the bill is due on 15 and I paid", nil, nil),
            ("it is on 5 and I waited", nil, nil),
            ("my email is 12, see below", nil, nil),
            ("emailil on 12 ja rohkem", nil, nil),
            ("I bought a Sony (55) TV", nil, nil),
            ("100-aastane maja jäi vooluta", nil, nil),
            ("debt aged 90 days was sold", nil, nil),
            ("emale, 91, ei tulnud pensioni", 91, 91),
            ("14a tytar yksi peatuses", 14, 14),
            ("82a üürnik ütleb et pea valutab", 82, 82),
            ("mu 6aastane laps on üksi sees", 6, 6),
            ("my 9-year-old is stuck at the station", 9, 9),
            ("my mum is 91 years old and alone", 91, 91),
            ("ta on 84 aastat vana", 84, 84),
            ("The house is 100 years old and the boiler failed", nil, nil),
            ("a 3-year-old laptop stopped working", nil, nil),
            ("telefon on 3 aastat vana", nil, nil),
            ("tellimus 14a on kadunud", nil, nil),
            ("мы застряли с двумя детьми 3 и 7 лет", 7, 3),
            ("я с детьми (3 и 6 лет) на вокзале", 6, 3),
            ("охранник схватил сына 12 лет за шею", 12, 12),
            ("Моя мама, 79 лет, сидит в приёмном", 79, 79),
            ("дочке 4 года, она стояла одна", 4, 4),
            ("сыну 14, он один дома", 14, 14),
            ("Я ваш клиент уже 10 лет и 3 года жду", nil, nil),
            ("заказала детали 5 штук, пришли 3", nil, nil),
            ("сын 2 раза звонил", nil, nil),
            ("Leidsin ta parkla äärest. Ta on neljane.", 4, 4),
            ("mu kolmene poeg jäi bussi", 3, 3),
            ("viieaastane laps ootab peatuses", 5, 5),
            ("ootame kolmeaastase tütrega jaamas", 3, 3),
            ("mu kaheksane tütar ja 80-aastane ema", 80, 8),
            ("kolmene pakk jäi tulemata", nil, nil),
            ("sain matemaatikas viiese", nil, nil),
            ("kolmetoaline korter on külm", nil, nil),
        ]
        for (text, oldest, youngest) in cases {
            let f = facts(text)
            #expect(f.oldestAge == oldest, "\(text)")
            #expect(f.youngestAge == youngest, "\(text)")
            #expect(f[.oldestAge] == oldest && f[.youngestAge] == youngest, "\(text)")
        }
    }

    @Test("intensity: upset emoji, runs of exclamation marks and shouting count; one '!' and calm capitals do not")
    func intensity() {
        #expect(facts("Thanks!").intensity == 0)
        #expect(facts("I am in the USA and use the NHS app").intensity == 0)
        #expect(facts("this is ridiculous!!!").intensity == 1)
        #expect(facts("😡😡 where is my ORDER").intensity == 2)
        #expect(facts("WHERE IS MY MONEY YOU THIEVES!!").intensity == 2)
    }

    @Test("shouting is three words of three or more capitals, Estonian capitals included; one small letter calms a word")
    func shouting() {
        #expect(facts("SEE ON KÕIGE HULLEM").intensity == 1)
        #expect(facts("SEE ON KÕIGe HULLEM").intensity == 0)
        #expect(facts("ÄRGE ÖELGE ÜLDSE MIDAGI").intensity == 1)
        #expect(facts("NO WAY, SERIOUSLY, YOU?? 😡").intensity == 2)
        #expect(facts("NO WAY, SERIOUSLY?? 😡").intensity == 1, "two shouted words are not shouting")
    }

    @Test("letters are counted one by one, ASCII and accented Latin alike; digits, signs and emoji are not letters")
    func letterCounts() {
        let f = facts("Tere ÕUN ja ääre, 42 € 👍 ok!")
        #expect(f.latinLetters == 15)
        #expect(f.otherScriptLetters == 0)
        #expect(f.cheer == 1)
        #expect(facts("Мой заказ").otherScriptLetters == 8)
    }

    @Test("letters are counted by script, so a Russian or Japanese text can be told from a Latin one")
    func scripts() {
        let russian = facts("Здравствуйте, мой заказ не пришёл")
        #expect(russian.otherScriptLetters > russian.latinLetters)
        let estonian = facts("Tere, pakk on ikka kohale jõudmata")
        #expect(estonian.otherScriptLetters == 0)
    }
}

@Suite("Language the rules do not speak")
struct UndeterminedLanguageTests {
    @Test("a text in another language is 'und', worded in the default language, and a fallback says why")
    func undetermined() throws {
        let classifier = Classifier(rules: try MiniRules.load())
        let spanish = classifier.classify(SupportCase.quick(text: "Hola, mi pedido todavía no ha llegado y nadie me responde"), now: nil)
        #expect(spanish.language == "und")
        #expect(spanish.fallback)
        #expect(spanish.fallbackReason == .unknownLanguage)
        let russian = classifier.classify(SupportCase.quick(text: "Здравствуйте, мой заказ не пришёл"), now: nil)
        #expect(russian.language == "und")
        let named = classifier.classify(SupportCase.quick(text: "hello", language: "fi"), now: nil)
        #expect(named.language == "und")
    }

    @Test("short texts and texts the rules know keep their language; fallback reasons tell no words from no rule")
    func determined() throws {
        let classifier = Classifier(rules: try MiniRules.load())
        #expect(classifier.classify(SupportCase.quick(text: "Pesumasin on katki ja ei tööta"), now: nil).language == "et")
        #expect(classifier.classify(SupportCase.quick(text: "Order 5521 late"), now: nil).language == "en")
        let unknownWords = classifier.classify(SupportCase.quick(text: "zorblax quux"), now: nil)
        #expect(unknownWords.fallbackReason == .noKnownWords)
        let social = classifier.classify(SupportCase.quick(text: "zorblax quux", channel: .social), now: nil)
        #expect(social.fallbackReason == .noRuleMatched)
        #expect(classifier.classify(SupportCase.quick(text: "it is broken"), now: nil).fallbackReason == nil)
    }
}

@Suite("Questions in the text")
struct TextFactsQuestionTests {
    @Test("each question counts once, however many marks end it; a link's query string is not a question")
    func questions() {
        func count(_ t: String) -> Int { var f = TextFacts(); f.add(t); return f.questions }
        #expect(count("Are you open on Sunday?") == 1)
        #expect(count("Why?? Where is it?!") == 2)
        #expect(count("see https://example.com/a?b=1 for details") == 0)
        #expect(count("No question here.") == 0)
    }
}

@Suite("Links and hashtags in the text")
struct TextFactsShareTests {
    func facts(_ t: String) -> TextFacts { var f = TextFacts(); f.add(t); return f }

    @Test("each link counts once, however long; a word that only mentions http is no link twice")
    func links() {
        #expect(facts("Look at this https://t.co/abc123 and http://example.com/a?b=1").links == 2)
        #expect(facts("HTTPS://EXAMPLE.COM").links == 1)
        #expect(facts("My order never arrived").links == 0)
        #expect(facts("pilt on siin: https://example.ee/pilt.jpg").links == 1)
    }

    @Test("a hashtag is '#' starting a word with a letter after it; an order number or a link's anchor is not")
    func hashtags() {
        #expect(facts("#Halloween burritos #theRF").hashtags == 2)
        #expect(facts("Night flight (#sunset) #2017").hashtags == 1)
        #expect(facts("Order #5521 is late").hashtags == 0)
        #expect(facts("tellimus nr #").hashtags == 0)
        #expect(facts("order#5521 and see https://example.com/page#top").hashtags == 0)
        #expect(facts("# not a tag").hashtags == 0)
        #expect(facts("#öökull").hashtags == 1)
    }
}
