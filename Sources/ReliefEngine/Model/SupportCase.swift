import Foundation

/// An incoming case as the engine sees it: the triage input after decoding.
///
/// `text` in the input is shorthand for one customer message at `openedAt`; the decoder turns it
/// into the first event, so the engine only ever looks at `events`.
public struct SupportCase: Sendable, Equatable {
    public var id: String
    public var openedAt: Date?
    public var channel: Channel?
    public var journey: Journey?
    public var stage: Stage?
    public var customer: Customer
    public var subject: String?
    public var attributes: [String: AttributeValue]
    public var events: [CaseEvent]

    public init(
        id: String, openedAt: Date? = nil, channel: Channel? = nil, journey: Journey? = nil,
        stage: Stage? = nil, customer: Customer = Customer(), subject: String? = nil,
        attributes: [String: AttributeValue] = [:], events: [CaseEvent] = []
    ) {
        self.id = id
        self.openedAt = openedAt
        self.channel = channel
        self.journey = journey
        self.stage = stage
        self.customer = customer
        self.subject = subject
        self.attributes = attributes
        self.events = events
    }

    /// A case made of one customer message, as `relief triage --text` builds it.
    public static func quick(
        id: String = "quick", text: String, channel: Channel? = nil, journey: Journey? = nil,
        language: String? = nil, openedAt: Date? = nil
    ) -> SupportCase {
        SupportCase(
            id: id, openedAt: openedAt, channel: channel, journey: journey,
            customer: Customer(language: language),
            events: [CaseEvent(at: openedAt, kind: .message(from: .customer, text: text, channel: channel, promise: nil))]
        )
    }

    /// The time of the last event that has one, else `openedAt`.
    public var lastEventTime: Date? {
        events.last(where: { $0.at != nil })?.at ?? openedAt
    }
}
