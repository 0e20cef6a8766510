import Foundation
import Testing
@testable import ReliefEngine

/// `rules show` as a workshop reads it: each response with its tone and its actions one per line,
/// targets as people say them, and in Estonian every word of the frame Estonian too.
@Suite("Rules matrix")
struct RulesMatrixTests {
    /// A crisis × trust response with conditions and two actions, beside the cell's default.
    static let court = """
    { id: "crisis-trust-court", situation: "crisis", expectation: "trust", when: { signals: ["court"], channel: ["phone", "chat"] },
      say: { et: "Ütle kohus", en: "Say court" }, tone: { et: "rahulik", en: "calm" },
      do: { et: ["Helista.", "Kirjuta."], en: ["Call them.", "Write it down."] }, owner: "lead", within: "PT30M" },
    """

    let rules: RuleSet
    init() throws { rules = try MiniRules.load(extra: [Self.court]) }
    var en: Int { rules.languageIndex("en")! }
    var et: Int { rules.languageIndex("et")! }

    @Test("text in English: the header, each situation with its target, the matrix, and a cell with tone and actions")
    func english() {
        let text = RulesMatrix.text(rules, language: en)
        #expect(text.hasPrefix("""
            mini 1.0  (precedence: crisis > elevated > unexpected > everyday; fallback: everyday; hit policy: most-specific)

            CRISIS  first response within 15 min
              Customer wants: Someone takes charge.
              Relief moment:  The first reply.
              At stake:       trust, empathy

            ELEVATED  first response within 1 h

            """), "\(text)")
        #expect(text.contains("\nEVERYDAY  first response within 1 d\n"))
        #expect(text.contains("""

            Matrix (responses per cell; * = a default, the others have conditions)

                        trust            personalization  simplicity       empathy          consistency      recovery
            crisis      2*               1*               1*               1*               1*               1*
            elevated    1*               1*               1*               1*               1*               1*

            """))
        #expect(text.contains("""

            crisis × trust
              crisis-trust-court (when channel chat/phone, signals court)
                Say:   Say court
                Tone:  calm
                Do:    - Call them.
                       - Write it down.
                Owner: duty lead, within 30 min
              crisis-trust (default)
                Say:   Say crisis-trust
                Tone:  calm
                Do:    - Do crisis-trust
                Owner: agent, within 15 min

            """), "\(text)")
        #expect(!text.contains("PT"), "no ISO 8601 durations")
        #expect(!text.contains(".;"), "actions are not run together")
    }

    @Test("text in Estonian: headings, labels, situation and expectation names and units are Estonian")
    func estonian() {
        let text = RulesMatrix.text(rules, language: et)
        #expect(text.hasPrefix("""
            mini 1.0  (eelisjärjekord: kriis > kõrgendatud > ootamatu > igapäevane; kui ükski reegel ei sobi: igapäevane; vastuse valik: most-specific)

            KRIIS  esimene vastus 15 min jooksul
              Klient soovib:   Keegi võtab juhtimise.
              Kergenduse hetk: Esimene vastus.
              Kaalul:          usaldus, empaatia

            KÕRGENDATUD  esimene vastus 1 t jooksul

            """), "\(text)")
        #expect(text.contains("\nIGAPÄEVANE  esimene vastus 1 p jooksul\n"))
        #expect(text.contains("""

            Maatriks (vastuseid lahtris; * = vaikevastus, teistel on tingimused)

                         usaldus       personaalsus  lihtsus       empaatia      järjepidevus  kindlustunne
            kriis        2*            1*            1*            1*            1*            1*
            kõrgendatud  1*            1*            1*            1*            1*            1*

            """), "\(text)")
        #expect(text.contains("""

            kriis × usaldus
              crisis-trust-court (kui kanal chat/phone, signaalid court)
                Ütle:      Ütle kohus
                Toon:      rahulik
                Tee:       - Helista.
                           - Kirjuta.
                Vastutaja: valvejuht, 30 min jooksul
              crisis-trust (vaikimisi)

            """), "\(text)")
        for english in ["Say:", "Tone:", "Owner:", "Matrix", "within", "first response", "Relief moment", "crisis ×", "(default)", "when "] {
            #expect(!text.contains(english), "'\(english)' left in English")
        }
    }

    @Test("Markdown in Estonian: the handout's headings, table columns and labels")
    func markdownEstonian() {
        let md = RulesMatrix.markdown(rules, language: et)
        #expect(md.hasPrefix("""
            # mini 1.0

            Eelisjärjekord: kriis > kõrgendatud > ootamatu > igapäevane. Kui ükski reegel ei sobi: igapäevane. Vastuse valik: most-specific.

            ## Olukorrad

            | olukord | klient soovib | kergenduse hetk | esimene vastus | teade iga | kaalul |
            |---|---|---|---|---|---|
            | kriis | Keegi võtab juhtimise. | Esimene vastus. | 15 min | — | usaldus, empaatia |

            """), "\(md)")
        #expect(md.contains("\n## Maatriks\n\n| | usaldus | personaalsus | lihtsus | empaatia | järjepidevus | kindlustunne |\n"))
        #expect(md.contains("| **kriis** | `crisis-trust-court`<br>`crisis-trust` |"))
        #expect(md.contains("""

            ## Vastused

            ### kriis × usaldus

            **`crisis-trust-court`** (kui kanal chat/phone, signaalid court)  
            *Ütle:* Ütle kohus  
            *Toon:* rahulik  
            *Vastutaja:* valvejuht, 30 min jooksul

            - Helista.
            - Kirjuta.

            """), "\(md)")
    }

    @Test("Markdown in English keeps the same shape")
    func markdownEnglish() {
        let md = RulesMatrix.markdown(rules, language: en)
        #expect(md.contains("Precedence: crisis > elevated > unexpected > everyday. Fallback: everyday. Hit policy: most-specific.\n"))
        #expect(md.contains("| situation | customer wants | relief moment | first response | update every | at stake |\n"))
        #expect(md.contains("| everyday | Ease. | Solved at once. | 1 d | — | simplicity |\n"))
        #expect(md.contains("*Owner:* duty lead, within 30 min\n"))
    }
}
