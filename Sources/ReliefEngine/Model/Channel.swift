/// Where a contact happens. Unknown channel names in input are an error, so typos are caught.
public enum Channel: String, Sendable, CaseIterable, Codable {
    case web, chat, phone, sms, email, social, store, other
}

/// The customer journey a case belongs to.
public enum Journey: String, Sendable, CaseIterable, Codable {
    case onboarding, purchase, inquiry, complaint, `return`, support, renewal, cancellation, other
}

/// Before, during or after the service.
public enum Stage: String, Sendable, CaseIterable, Codable {
    case before, during, after
}
