/// Who the case is about. The payer and the user can differ; this is the person in contact.
public struct Customer: Sendable, Equatable {
    public var id: String?
    public var name: String?
    /// A team-defined segment such as `new`, `long-time`, `high-value`, `business`, `vulnerable`.
    public var segment: String?
    /// A language code such as `et` or `en`, when the customer's language is known.
    public var language: String?
    public var tenureMonths: Double?

    public init(id: String? = nil, name: String? = nil, segment: String? = nil, language: String? = nil, tenureMonths: Double? = nil) {
        self.id = id
        self.name = name
        self.segment = segment
        self.language = language
        self.tenureMonths = tenureMonths
    }
}
