import Fluent
import Foundation
import HearthCore
import Vapor

/// Adding and removing internal staff on a patient's care team. Access follows the team, so this is where a
/// clinician gains or loses a chart.
struct CareTeamController {
    struct AddForm: Content {
        var userID: String?
        var teamRole: String?
    }

    /// Roles that can serve on a care team.
    static let teamRoles: Set<Role> = [.caseManager, .clinician, .aide, .physician]

    /// `GET /patients/:patientID/care-team`: who can join.
    func form(req: Request) async throws -> Response {
        let patient = try await req.patient(.manageCareTeam)
        return try await page(patient, error: nil, typed: nil, status: .ok, req: req)
    }

    func add(req: Request) async throws -> Response {
        let patient = try await req.patient(.manageCareTeam)
        let patientID = try patient.requireID()
        let form = try req.content.decode(AddForm.self)
        let teamRole = (form.teamRole ?? "").trimmingCharacters(in: .whitespaces)
        guard let userID = form.userID.flatMap(UUID.init(uuidString:)), let member = try await User.find(userID, on: req.db),
              member.isActive, let role = Role(rawValue: member.role), Self.teamRoles.contains(role)
        else { return try await page(patient, error: "Choose an active nurse, therapist, aide, case manager or physician.", typed: teamRole, status: .unprocessableEntity, req: req) }
        guard !teamRole.isEmpty, teamRole.count <= 80 else {
            return try await page(patient, error: "Say what they do for this patient, e.g. Skilled nursing (at most 80 characters).", typed: teamRole, status: .unprocessableEntity, req: req)
        }
        if try await CareTeamMember.query(on: req.db).filter(\.$patient.$id == patientID).filter(\.$user.$id == userID).count() > 0 {
            return try await page(patient, error: "\(member.displayName) is already on the care team.", typed: teamRole, status: .unprocessableEntity, req: req)
        }
        let user = try req.currentUser
        try await req.auditedWrite { db, audit in
            try await CareTeamMember(patientID: patientID, userID: userID, teamRole: teamRole).create(on: db)
            try await RecordChange(patientID: patientID, field: "Care team", from: nil, to: "added \(member.displayName) (\(teamRole))", by: user.id).create(on: db)
            try await audit("careteam.add", patientID: patientID, resourceType: "CareTeam", resourceID: userID.uuidString, detail: teamRole)
        }
        return req.redirect(to: SiteURL.patient(patientID).path + "#care-team")
    }

    func remove(req: Request) async throws -> Response {
        let patient = try await req.patient(.manageCareTeam)
        let patientID = try patient.requireID()
        guard let memberID = req.parameters.get("memberID", as: UUID.self),
              let membership = try await CareTeamMember.query(on: req.db).filter(\.$id == memberID).filter(\.$patient.$id == patientID).with(\.$user).first()
        else { throw AppError.notFound() }
        let user = try req.currentUser
        try await req.auditedWrite { db, audit in
            try await membership.delete(on: db)
            try await RecordChange(patientID: patientID, field: "Care team", from: nil, to: "removed \(membership.user.displayName) (\(membership.teamRole))", by: user.id).create(on: db)
            try await audit("careteam.remove", patientID: patientID, resourceType: "CareTeam", resourceID: membership.$user.id.uuidString)
        }
        return req.redirect(to: SiteURL.patient(patientID).path + "#care-team")
    }

    private func page(_ patient: Patient, error: String?, typed: String?, status: HTTPResponseStatus, req: Request) async throws -> Response {
        let patientID = try patient.requireID()
        let onTeam = Set(try await CareTeamMember.query(on: req.db).filter(\.$patient.$id == patientID).all(\.$user.$id))
        let staff = try await User.query(on: req.db).filter(\.$role ~~ Self.teamRoles.map(\.rawValue)).filter(\.$isActive == true)
            .sort(\.$displayName).all().filter { !onTeam.contains($0.id ?? UUID()) }
        let page = PatientChoicePage(
            shell: PageShell(request: req, title: "Care team"), heading: "Add to the care team",
            patientName: "\(patient.givenName) \(patient.familyName)", patientHref: SiteURL.patient(patientID).path,
            action: SiteURL.patient(patientID, .careTeam).path, label: "Staff member", fieldName: "userID",
            // No one is chosen for the user: a preselected first name was added by mistake (issue 17, minor).
            options: [.init(value: "", label: "Choose who joins the team…", selected: true)]
                + (try staff.map { .init(value: try $0.requireID().uuidString, label: $0.displayName, selected: false) }),
            textLabel: "What they do for this patient", textName: "teamRole", textValue: typed,
            error: error, submitID: "add-team-member", submitLabel: "Add"
        )
        return page.html.response(status: status)
    }
}
