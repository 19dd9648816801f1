import Foundation
import Vapor

/// Every address Hearth serves, in one place: `routes.swift` registers each case's `pathComponents` and pages,
/// redirects and tests link with its `path`, so a renamed URL is one edit and a mistyped one does not compile.
/// A case carries the values a link needs; to register a route, pass `.key` for each (`.patient(.key, .carePlan)`):
/// registration reads only the parameter names (`:patientID`), which are the names the controllers read.
enum SiteURL: Hashable, Sendable {
    case home
    case healthz, readyz, metrics
    case login, loginCode, logout
    case patients, newPatient
    case patient(UUID, PatientURL = .chart)
    case visits
    case visit(UUID, VisitURL = .show)
    /// A clinician's private calendar feed (`.ics`), fetched by a calendar app without a session.
    case calendarFeed(token: String)
    case makeCalendarFeed, revokeCalendarFeed
    case schedule, resources, compliance, worklist, tasks
    /// "Plan this day" and applying the plan.
    case schedulePlan, schedulePlanApply
    case task(UUID, TaskURL)
    case staff
    case staffMember(UUID, StaffURL = .show)
    case orders
    case order(UUID, OrderURL = .show)
    case hospital
    case hospitalStay(UUID, HospitalStayURL = .show)
    /// Utilization review: the UR nurse's queue and reports, and one stay's review.
    case utilization(UtilizationURL)
    case stayReview(UUID, StayReviewURL)
    case dischargePlan(UUID, DischargePlanURL)
    /// Intake's inbox of referrals hospitals sent over FHIR, and one of them.
    case referralInbox
    case inboundReferral(UUID, InboundReferralURL = .show)
    /// Break-the-glass: the supervisor's review, the look-up, and one access's review [45 CFR 164.312(a)(2)(ii)].
    case emergencyAccess, emergencyAccessFind
    case reviewEmergencyAccess(UUID)
    case account(AccountURL)
    case admin(AdminURL)
    case api(APIURL)
    /// SMART on FHIR discovery and the client-credentials token endpoint.
    case smartConfiguration, oauthToken
    case fhir(FHIRURL)
    /// A static file, served by FileMiddleware rather than a route.
    case stylesheet

    var segments: [URLSegment] {
        switch self {
        case .home: []
        case .healthz: ["healthz"]
        case .readyz: ["readyz"]
        case .metrics: ["metrics"]
        case .login: ["login"]
        case .loginCode: ["login", "code"]
        case .logout: ["logout"]
        case .patients: ["patients"]
        case .newPatient: ["patients", "new"]
        case let .patient(id, page): ["patients", .id(id, "patientID")] + page.segments
        case .visits: ["visits"]
        case let .visit(id, page): ["visits", .id(id, "visitID")] + page.segments
        case let .calendarFeed(token): ["calendar", .value(token + ".ics", "token")]
        case .makeCalendarFeed: ["visits", "calendar-feed"]
        case .revokeCalendarFeed: ["visits", "calendar-feed", "revoke"]
        case .schedule: ["schedule"]
        case .schedulePlan: ["schedule", "plan"]
        case .schedulePlanApply: ["schedule", "plan", "apply"]
        case .resources: ["resources"]
        case .compliance: ["compliance"]
        case .worklist: ["worklist"]
        case .tasks: ["tasks"]
        case let .task(id, action): ["tasks", .id(id, "taskID")] + action.segments
        case .staff: ["staff"]
        case let .staffMember(id, page): ["staff", .id(id, "userID")] + page.segments
        case .orders: ["orders"]
        case let .order(id, page): ["orders", .id(id, "orderID")] + page.segments
        case .hospital: ["hospital"]
        case let .hospitalStay(id, page): ["hospital", "stays", .id(id, "stayID")] + page.segments
        case let .utilization(page): ["hospital"] + page.segments
        case let .stayReview(id, page): ["hospital", "stays", .id(id, "stayID")] + page.segments
        case let .dischargePlan(id, page): ["hospital", "stays", .id(id, "stayID"), "discharge-plan"] + page.segments
        case .referralInbox: ["referrals", "inbox"]
        case let .inboundReferral(id, page): ["referrals", "inbox", .id(id, "referralID")] + page.segments
        case .emergencyAccess: ["emergency-access"]
        case .emergencyAccessFind: ["emergency-access", "find"]
        case let .reviewEmergencyAccess(id): ["emergency-access", .id(id, "accessID"), "review"]
        case let .account(page): ["account"] + page.segments
        case let .admin(page): ["admin"] + page.segments
        case let .api(page): ["api"] + page.segments
        case .smartConfiguration: [".well-known", "smart-configuration"]
        case .oauthToken: ["oauth", "token"]
        case let .fhir(page): ["fhir"] + page.segments
        case .stylesheet: ["css", "hearth.css"]
        }
    }

    /// The address to link to or redirect to: `/patients/<id>/care-plan`.
    var path: String { "/" + segments.map(\.text).joined(separator: "/") }

    /// The route pattern to register: `patients/:patientID/care-plan`.
    var pathComponents: [PathComponent] { segments.map(\.pathComponent) }

    /// The same address with a `#fragment`, for a link to one card of a page.
    func path(anchor: String) -> String { path + "#" + anchor }
}

/// One step of an address: a fixed word, or a value a route reads by name (`req.parameters.get("patientID")`).
enum URLSegment: Hashable, Sendable, ExpressibleByStringLiteral {
    case word(String)
    case value(String, String)

    init(stringLiteral word: String) { self = .word(word) }

    static func id(_ id: UUID, _ name: String) -> URLSegment { .value(id.uuidString.lowercased(), name) }

    var text: String {
        switch self {
        case let .word(word): word
        case let .value(value, _): value
        }
    }

    var pathComponent: PathComponent {
        switch self {
        case let .word(word): .constant(word)
        case let .value(_, name): .parameter(name)
        }
    }
}

/// A sub-address that is one fixed word, or none for the page itself (`rawValue` "").
protocol URLWord: RawRepresentable<String>, CaseIterable, Hashable, Sendable {}

extension URLWord {
    var segments: [URLSegment] { rawValue.isEmpty ? [] : [.word(rawValue)] }
}

/// Stands in for a value when a route is registered: only the parameter's name is read, never the value.
extension UUID {
    static let key = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

extension Int {
    static let key = 0
}

extension String {
    static let key = ""
}
