import Fluent
import Foundation
import HearthCore
import Vapor

/// The administrator keeps each hospital's UR committee: its physician members and any financial interest in the
/// hospital a member declared, which the conflict rule reads [42 CFR 482.30(b)]. Every change is audited.
struct URCommitteeAdminController {
    struct AddForm: Content { var hospital, user, financialInterest: String? }

    /// `GET /admin/ur-committee`.
    func roster(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageURCommittee, on: req)
        return try await render(req, form: AddForm(), problems: [:], status: .ok)
    }

    /// `POST /admin/ur-committee`: a physician added to a hospital's committee, or the form again with the reason by the field.
    func add(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageURCommittee, on: req)
        let form = try req.content.decode(AddForm.self)
        var problems: [String: String] = [:]
        let hospitals = try await Self.hospitals(on: req.db)
        let hospital = hospitals.first { $0.id?.uuidString == form.hospital }
        if hospital == nil { problems["hospital"] = "Choose the hospital whose committee this is." }
        var user: User?
        if let id = UUID(uuidString: form.user ?? "") { user = try await User.find(id, on: req.db) }
        var alreadyMember = false
        if let hospital, let user {
            alreadyMember = try await URCommitteeStore.isMember(try user.requireID(), hospitalID: try hospital.requireID(), on: req.db)
        }
        problems.merge(URCommitteeRule.membershipProblems(role: user.flatMap { Role(rawValue: $0.role) }, active: user?.isActive ?? false,
                                                          alreadyMember: alreadyMember)) { old, _ in old }
        let interest = (form.financialInterest ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard problems.isEmpty, let hospital, let user else { return try await render(req, form: form, problems: problems, status: .unprocessableEntity) }
        let row = URCommitteeMemberRecord()
        row.$hospital.id = try hospital.requireID()
        row.$user.id = try user.requireID()
        row.financialInterest = interest.isEmpty ? nil : interest
        row.addedByName = try req.currentUser.displayName
        try await req.auditedWrite("ur_committee.add", resourceType: "Organization", resourceID: try hospital.requireID().uuidString,
                                   detail: "\(user.username)\(interest.isEmpty ? "" : ", financial interest recorded")") { db in
            try await row.create(on: db)
        }
        return req.redirect(to: SiteURL.admin(.urCommittee).path + "?done=added")
    }

    /// `POST /admin/ur-committee/:memberID/remove`.
    func remove(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageURCommittee, on: req)
        guard let id = req.parameters.get("memberID", as: UUID.self),
              let row = try await URCommitteeMemberRecord.query(on: req.db).filter(\.$id == id).with(\.$user).first() else { throw AppError.notFound() }
        try await req.auditedWrite("ur_committee.remove", resourceType: "Organization", resourceID: row.$hospital.id.uuidString, detail: row.user.username) { db in
            try await row.delete(on: db)
        }
        return req.redirect(to: SiteURL.admin(.urCommittee).path + "?done=removed")
    }

    /// `POST /admin/ur-committee/:memberID/interest`: a member's declared financial interest changed or cleared, in place, so
    /// the conflict rule reads it from the next referral on (a member is not removed and added again to correct it).
    func interest(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.manageURCommittee, on: req)
        guard let id = req.parameters.get("memberID", as: UUID.self),
              let row = try await URCommitteeMemberRecord.query(on: req.db).filter(\.$id == id).with(\.$user).first() else { throw AppError.notFound() }
        let interest = (try req.content.decode(AddForm.self).financialInterest ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard interest != (row.financialInterest ?? "") else { return req.redirect(to: SiteURL.admin(.urCommittee).path) }
        row.financialInterest = interest.isEmpty ? nil : interest
        try await req.auditedWrite("ur_committee.interest", resourceType: "Organization", resourceID: row.$hospital.id.uuidString,
                                   detail: "\(row.user.username), financial interest \(interest.isEmpty ? "cleared" : "recorded")") { db in
            try await row.update(on: db)
        }
        return req.redirect(to: SiteURL.admin(.urCommittee).path + "?done=" + (interest.isEmpty ? "cleared" : "interest"))
    }

    /// The organizations that have hospital units: the hospitals a committee can belong to.
    static func hospitals(on db: any Database) async throws -> [Organization] {
        let ids = Array(Set(try await HospitalUnit.query(on: db).all(\.$hospital.$id)))
        guard !ids.isEmpty else { return [] }
        return try await Organization.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all()
    }

    private func render(_ req: Request, form: AddForm, problems: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let hospitals = try await Self.hospitals(on: req.db)
        let physicians = try await User.query(on: req.db).filter(\.$role ~~ URCommitteeRule.physicianRoles.map(\.rawValue)).filter(\.$isActive == true)
            .sort(\.$displayName).all()
        var sections: [URCommitteePage.Hospital] = []
        for hospital in hospitals {
            let members = try await URCommitteeStore.members(of: try hospital.requireID(), on: req.db)
            sections.append(.init(id: try hospital.requireID().uuidString.prefix(8).lowercased(), name: hospital.name,
                                  problem: URCommitteeRule.compositionProblem(members.map(\.member)),
                                  members: try members.map { member in
                                      .init(name: member.member.name, role: member.member.role.title,
                                            interest: member.member.financialInterest, addedBy: member.row.addedByName,
                                            rowID: try member.row.requireID(), id: try member.row.requireID().uuidString.prefix(8).lowercased())
                                  }))
        }
        let done: String? = switch req.query[String.self, at: "done"] {
        case "added": "Added to the committee."
        case "removed": "Removed from the committee."
        case "interest": "Financial interest recorded: the member reviews none of this hospital's stays while it stands."
        case "cleared": "Financial interest cleared."
        default: nil
        }
        let hospitalChoices: [(value: String, label: String)] = hospitals.map { ($0.id?.uuidString ?? "", $0.name) }
        let physicianChoices: [(value: String, label: String)] = physicians.map { user in
            (user.id?.uuidString ?? "", "\(user.displayName) (\(Role(rawValue: user.role)?.title ?? user.role))")
        }
        let page = URCommitteePage(
            shell: PageShell(request: req, title: "UR committee"), notice: done, hospitals: sections,
            form: PageForm(action: SiteURL.admin(.urCommittee).path, fields: [
                .select("hospital", "Hospital", form.hospital, [("", "Choose")] + hospitalChoices, problems, prefix: "uc-"),
                .select("user", "Physician", form.user, [("", "Choose")] + physicianChoices,
                        problems, prefix: "uc-", hint: "Physicians and physician advisors with an account"),
                .text("financialInterest", "Financial interest in the hospital", form.financialInterest, problems, prefix: "uc-",
                      hint: "Any direct financial interest the physician declared (an ownership share); empty when none. A member with one reviews no stay.", wide: true),
            ], error: PageForm.refusal(problems)))
        return try await page.html.encodeResponse(status: status, for: req)
    }
}
