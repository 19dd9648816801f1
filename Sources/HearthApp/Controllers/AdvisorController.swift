import Fluent
import Foundation
import HearthCore
import Vapor

/// The physician advisor's work: the queue of stays the UR nurses referred to them, and the determination on each,
/// held to 42 CFR 482.30(b)(3) and (d) by `DeterminationRule`.
struct AdvisorController {
    /// `GET /hospital/advisor-queue`, and the physician advisor's home page.
    func queue(req: Request) async throws -> HTML {
        let user = try req.currentUser
        guard user.role == .physicianAdvisor else { throw AppError.notFound() }
        let hospitals = try await URCommitteeMemberRecord.query(on: req.db).filter(\.$user.$id == user.id).with(\.$hospital).all().map(\.hospital)
        let queue = try await URCommitteeStore.referrals(for: user.id, hospitals: Set(hospitals.compactMap(\.id)), on: req.db)
        try await req.auditRead("utilization.advisor_queue", resourceType: "Encounter",
                                detail: "advisor queue, \(queue.open.count) referrals, \(queue.answered.count) answered")
        let zone = req.application.settings.agencyTimeZone
        let stays = try await HospitalStore.load(queue.open.map(\.stay) + queue.answered.map(\.stay), on: req.db)
        let status = Dictionary(stays.map { ($0.row.id ?? UUID(), $0.facts.currentStatus) }, uniquingKeysWith: { first, _ in first })
        func cells(_ item: URCommitteeStore.QueuedReferral, id: String) throws -> StayQueueCells {
            let stayID = try item.stay.requireID(), current = status[stayID] ?? .observation
            return StayQueueCells(id: id, href: SiteURL.stayReview(stayID, .show).path(anchor: "advisor"), name: item.stay.listName,
                                  mrn: item.stay.hospitalMRN, unitBed: "\(item.stay.unit.code) \(item.stay.bed ?? "")", status: current.title,
                                  statusClass: current.rawValue)
        }
        let rows = try queue.open.map { item -> AdvisorQueuePage.Row in
            let hours = Int(req.now.timeIntervalSince(item.referral.referredAt) / 3600)
            return AdvisorQueuePage.Row(
                stay: try cells(item, id: "referral-\(item.stay.hospitalMRN)"), question: item.referral.question,
                referred: "\(StayLifecycle.stamp(item.referral.referredAt, zone)) by \(item.referral.recordedByName)",
                waiting: hours < 1 ? "under an hour" : "\(hours) hour\(hours == 1 ? "" : "s")")
        }
        let answered = try queue.answered.compactMap { item -> AdvisorQueuePage.Answered? in
            guard let determination = item.determination else { return nil }
            let outcome = AdvisorDetermination(rawValue: determination.outcome)?.title ?? determination.outcome
            return AdvisorQueuePage.Answered(
                stay: try cells(item, id: "answered-\(try determination.requireID().uuidString.lowercased())"), question: item.referral.question,
                determination: outcome + (determination.secondMemberName.map { ", with \($0)" } ?? ""),
                determined: StayLifecycle.stamp(determination.determinedAt, zone))
        }
        let summary = hospitals.isEmpty
            ? "You are on no hospital's UR committee yet: ask an administrator to add you to the roster."
            : "\(rows.count) referral\(rows.count == 1 ? "" : "s") waiting for your determination, oldest first (UR committee of \(hospitals.map(\.name).sorted().joined(separator: ", ")))."
        return AdvisorQueuePage(shell: PageShell(request: req, title: "Advisor referrals"), summary: summary, rows: rows, answered: answered).html
    }

    /// `POST /hospital/stays/:stayID/review/advisor/:referralID/determination`: the member the stay was referred to
    /// records it; refused with the reasons by the fields and the typing kept, or saved and audited.
    func determine(req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.determine, stayID: req.parameters.get("stayID", as: UUID.self), on: req)
        let stayID = try stay.row.requireID(), user = try req.currentUser
        guard let referralID = req.parameters.get("referralID", as: UUID.self),
              let referral = try await AdvisorReferral.query(on: req.db).filter(\.$id == referralID).filter(\.$stay.$id == stayID).first() else {
            throw AppError.notFound()
        }
        guard referral.$advisorUser.id == user.id else {
            throw AppError.forbidden("This stay was referred to \(referral.advisor): only the member it was referred to records the determination.")
        }
        guard !stay.determinations.contains(where: { $0.$referral.id == referralID }) else {
            throw AppError.conflict("This referral already has a determination. Ask the UR nurse for a new referral if the stay needs another look.")
        }
        let form = try req.content.decode(StayReviewForms.Determination.self)
        let committee = try await URCommitteeStore.members(of: stay.row.unit.$hospital.id, on: req.db)
        guard let me = committee.first(where: { $0.row.$user.id == user.id }) else {
            throw AppError.forbidden("You are no longer on this hospital's UR committee: ask an administrator.")
        }
        var problems: [String: String] = [:]
        let outcome = AdvisorDetermination(rawValue: form.outcome ?? ""), view = AttendingView(rawValue: form.attendingView ?? "")
        if outcome == nil { problems["outcome"] = "Choose the determination." }
        if view == nil { problems["attendingView"] = "Say what the attending said when consulted." }
        let secondText = UtilizationController.text(form.secondMember)
        let second = committee.first { $0.member.id == secondText }
        if !secondText.isEmpty && second == nil { problems["secondMember"] = "Choose the second member from the hospital's UR committee." }
        if let outcome, let view {
            let draft = DeterminationDraft(outcome: outcome, rationale: UtilizationController.text(form.rationale), attendingView: view,
                                           deciding: me.member, second: second?.member)
            problems.merge(DeterminationRule.problems(draft, stay: stay.facts, careTeam: try await URCommitteeStore.careTeam(stay, on: req.db))) { old, _ in old }
        }
        guard problems.isEmpty, let outcome, let view else {
            let records = try await UtilizationStore.records(for: [stayID], on: req.db)[stayID] ?? .init()
            return try await UtilizationController().refuse(stay, records, req, .init(determination: (referralID, form), problems: problems, refused: "determination"))
        }
        let row = URDeterminationRecord()
        row.$referral.id = referralID
        row.$stay.id = stayID
        row.outcome = outcome.rawValue
        row.rationale = UtilizationController.text(form.rationale)
        row.attendingView = view.rawValue
        row.determinedAt = req.now
        row.$member.id = user.id
        row.memberName = me.member.name
        row.$secondMember.id = second?.row.$user.id
        row.secondMemberName = second?.member.name
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("utilization.determination", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString,
                            detail: "\(outcome.rawValue); attending \(view.rawValue)" + (second.map { "; with \($0.member.name)" } ?? ""))
        }
        return UtilizationController.redirect(req, stayID, "advisor")
    }
}
