import Foundation

/// The members of a chosen response that come from the rules alone, written as JSON once when
/// the rules are compiled. A decision prints up to six responses of several hundred characters
/// each; copying these bytes instead of escaping the same texts again for every case is most
/// of what keeps `triage --stream` fast.
///
/// They live beside the decision, not in it: `DecisionJSON` uses them for a response only when
/// its texts are still, byte for byte, the rules' (a response changed after classification is
/// written from its fields).
final class ResponseFragments: Sendable {
    let id: String
    let say: String
    let tone: String
    let actions: [String]
    let owner: String
    let ownerName: String
    let within: ISODuration
    /// `,"do":[…]`: follows `by`.
    let afterBy: [UInt8]
    /// `,"id":…,"owner":…,"ownerName":…,"say":…`: follows `expectation`.
    let afterExpectation: [UInt8]
    /// `,"tone":…,"within":…`: follows `situation` and ends the object's members.
    let afterSituation: [UInt8]

    init(id: String, say: String, tone: String, actions: [String], owner: String, ownerName: String, within: ISODuration) {
        self.id = id
        self.say = say
        self.tone = tone
        self.actions = actions
        self.owner = owner
        self.ownerName = ownerName
        self.within = within

        var w = JSONStreamWriter([UInt8](), inObject: true)
        w.key("do"); w.strings(actions)
        afterBy = w.out
        w.out = []
        w.key("id"); w.string(id)
        w.key("owner"); w.string(owner)
        w.key("ownerName"); w.string(ownerName)
        w.key("say"); w.string(say)
        afterExpectation = w.out
        w.out = []
        w.key("tone"); w.string(tone)
        w.key("within"); w.string(within.text)
        afterSituation = w.out
    }

    /// Whether `r` still carries exactly these texts: compared as bytes, since Swift's `==` takes
    /// a text respelled in another Unicode form for the same.
    func matches(_ r: ChosenResponse) -> Bool {
        r.within == within && Self.same(r.id, id) && Self.same(r.say, say) && Self.same(r.tone, tone)
            && Self.same(r.owner, owner) && Self.same(r.ownerName, ownerName)
            && Self.same(r.actions, actions)
    }

    private static func same(_ a: [String], _ b: [String]) -> Bool {
        guard a.count == b.count else { return false }
        for k in a.indices where !same(a[k], b[k]) { return false }
        return true
    }

    /// A text the decision took from the rules shares their storage, so most answers come from
    /// comparing where the bytes are.
    private static func same(_ a: String, _ b: String) -> Bool {
        let answer = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                x.count == y.count && (x.baseAddress == y.baseAddress || x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
        return (answer ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }
}

extension DecisionJSON {
    /// The rules' responses already written as JSON, by response id: built once per run from the
    /// classifier and handed to `write` for every decision it makes.
    public struct Fragments: Sendable {
        private let byId: [String: [ResponseFragments]]

        public init(_ classifier: Classifier) {
            var byId: [String: [ResponseFragments]] = [:]
            for texts in classifier.core.responseTexts {
                for f in texts { byId[f.id, default: []].append(f) }
            }
            self.byId = byId
        }

        /// The fragments that write `r`, if its texts are the rules' own.
        func matching(_ r: ChosenResponse) -> ResponseFragments? {
            byId[r.id]?.first { $0.matches(r) }
        }
    }
}
