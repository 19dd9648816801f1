import Fluent
import Foundation
import HearthCore
import Vapor

/// The administrator's pages: the audit trail and the list of users.
struct AdminController {
    static let pageSize = 100

    func audit(req: Request) async throws -> View {
        try await PatientAccess.authorize(.viewAuditTrail, on: req)
        let actor = (req.query[String.self, at: "actor"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let action = (req.query[String.self, at: "action"] ?? "").trimmingCharacters(in: .whitespaces)
        let outcome = req.query[String.self, at: "outcome"] ?? ""
        let patientText = (req.query[String.self, at: "patient"] ?? "").trimmingCharacters(in: .whitespaces)
        let page = req.pageNumber
        var filterError: String?

        let query = AuditEvent.query(on: req.db)
        if !actor.isEmpty { query.filter(\.$actorName == actor) }
        if !action.isEmpty { query.filter(\.$action == action) }
        if AuditEntry.Outcome(rawValue: outcome) != nil { query.filter(\.$outcome == outcome) }
        if !patientText.isEmpty {
            if let patientID = UUID(uuidString: patientText) { query.filter(\.$patientID == patientID) }
            else { filterError = "A patient filter is the patient's id, as in the chart's address." }
        }
        let events = try await query.sort(\.$occurredAtMillis, .descending).sort(\.$id, .descending)
            .range(((page - 1) * Self.pageSize)..<(page * Self.pageSize + 1)).all()
        try await req.auditRead("audit.list", detail: "page \(page)")

        let formatter = ISO8601DateFormatter()
        formatter.timeZone = req.application.settings.agencyTimeZone
        let rows = events.prefix(Self.pageSize).map { event in
            AuditPage.Row(
                sequence: event.sequence.map(String.init) ?? "unsealed",
                occurredAt: formatter.string(from: Date(timeIntervalSince1970: Double(event.occurredAtMillis) / 1000)),
                actor: event.actorName, action: event.action, outcome: event.outcome,
                patientID: event.patientID?.uuidString.lowercased(),
                resource: event.resourceType.map { "\($0) \(event.resourceID ?? "")" },
                sourceIP: event.sourceIP, detail: event.detail
            )
        }
        func link(_ page: Int) -> String {
            var parts = URLComponents()
            parts.path = Paths.adminAudit
            let filters = [("actor", actor), ("action", action), ("outcome", outcome), ("patient", patientText)].filter { !$0.1.isEmpty }
            parts.queryItems = filters.map { URLQueryItem(name: $0.0, value: $0.1) } + [URLQueryItem(name: "page", value: String(page))]
            return parts.string ?? Paths.adminAudit
        }
        return try await req.view.render("admin/audit", AuditPage(
            shell: PageShell(request: req, title: "Audit trail"), actor: actor, action: action, outcome: outcome,
            patientID: patientText, outcomes: ["success", "failure", "denied"], rows: Array(rows),
            previousHref: page > 1 ? link(page - 1) : nil, nextHref: events.count > Self.pageSize ? link(page + 1) : nil,
            filterError: filterError
        ))
    }

    struct UsersPage: Encodable {
        struct Row: Encodable { var username: String; var displayName: String; var role: String; var status: String }
        var shell: PageShell
        var rows: [Row]
    }

    func users(req: Request) async throws -> View {
        try await PatientAccess.authorize(.manageUsers, on: req)
        let now = Date()
        let users = try await User.query(on: req.db).sort(\.$username).all()
        let rows = users.map { user in
            UsersPage.Row(
                username: user.username, displayName: user.displayName,
                role: Role(rawValue: user.role)?.title ?? user.role,
                status: !user.isActive ? "Inactive" : (user.lockedUntil.map { $0 > now } ?? false) ? "Locked" : "Active"
            )
        }
        return try await req.view.render("admin/users", UsersPage(shell: PageShell(request: req, title: "Users"), rows: rows))
    }
}
