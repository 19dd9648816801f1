import Foundation

extension Paths {
    /// The hospital case manager's unit list (also her home page).
    static let hospital = "/hospital"
    static func hospitalStay(_ id: UUID) -> String { "/hospital/stays/\(id.uuidString.lowercased())" }
    static func hospitalStayNotices(_ id: UUID) -> String { hospitalStay(id) + "/notices" }
    static func hospitalStayStatus(_ id: UUID) -> String { hospitalStay(id) + "/status" }
    static func hospitalStayExpectedDischarge(_ id: UUID) -> String { hospitalStay(id) + "/expected-discharge" }
    static func hospitalStayDischarge(_ id: UUID) -> String { hospitalStay(id) + "/discharge" }
}
