import Fluent
import Foundation
import HearthCore
import Vapor

/// Recording a review, a payer communication and a physician advisor referral: refused with the reasons by the fields
/// and the typing kept, or saved and audited in one transaction.
extension UtilizationController {
    /// `POST /hospital/stays/:stayID/review/reviews`.
    func recordReview(req: Request) async throws -> Response {
        let (stay, records) = try await load(.review, req)
        let form = try req.content.decode(StayReviewForms.Review.self)
        let zone = req.application.settings.agencyTimeZone
        var problems: [String: String] = [:]
        let kind = ReviewKind(rawValue: form.kind ?? ""), level = StayStatus(rawValue: form.levelOfCare ?? "")
        let at = HospitalController.instant(form.reviewedAt, zone: zone), next = CalendarDate(form.nextReview ?? "")
        // Only which source was chosen is checked here; the tables' rows are read where a page shows them.
        let source = UtilizationRules(lengthOfStay: .notLoaded, inpatientOnly: .notLoaded, payers: req.application.utilizationPayers)
            .criteriaSource(id: form.criteriaSource ?? "")
        if kind == nil { problems["kind"] = "Choose admission or concurrent review." }
        if level == nil { problems["levelOfCare"] = "Choose the level of care reviewed." }
        if at == nil { problems["reviewedAt"] = "Give the day and time of the review." }
        if next == nil { problems["nextReview"] = "Give the next review date as YYYY-MM-DD." }
        if source == nil { problems["criteriaSource"] = "Choose the criteria applied." }
        if !["met", "not_met"].contains(form.criteriaMet ?? "") { problems["criteriaMet"] = "Say whether the criteria were met." }
        let drg = Self.text(form.drg).nilIfEmpty, codes = ReviewRules.procedureCodes(form.procedureCodes ?? "")
        let user = try req.currentUser
        if let kind, let level, let at, let next, let source {
            let review = UtilizationReview(kind: kind, reviewedAt: at, levelOfCare: level, criteriaSourceID: source.id, criteriaMet: form.criteriaMet == "met",
                                           evidence: Self.text(form.evidence), drg: drg, procedureCodes: codes, nextReview: next, reviewer: user.displayName)
            problems.merge(ReviewRules.problems(review, stay: stay.facts, now: req.now, zone: zone)) { old, _ in old }
        } else if Self.text(form.evidence).count < 10 {
            problems["evidence"] = "Write the evidence the finding rests on: vital signs, treatments, the physician's documented expectation."
        }
        guard problems.isEmpty, let kind, let level, let at, let next, let source else {
            return try await refuse(stay, records, req, .init(review: form, problems: problems, refused: "review"))
        }
        let stayID = try stay.row.requireID()
        let row = StayReview()
        row.$stay.id = stayID
        row.kind = kind.rawValue
        row.reviewedAt = at
        row.levelOfCare = level.rawValue
        row.criteriaSource = source.id
        row.criteriaMet = form.criteriaMet == "met"
        row.evidence = Self.text(form.evidence)
        row.drg = drg
        row.procedureCodes = codes.isEmpty ? nil : codes.joined(separator: ", ")
        row.nextReview = next.description
        row.$reviewer.id = user.id
        row.reviewerName = user.displayName
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("utilization.review", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString,
                            detail: "\(kind.rawValue) \(level.rawValue) \(row.criteriaMet ? "met" : "not met") (\(source.id))")
        }
        return Self.redirect(req, stayID, "reviews")
    }

    /// `POST /hospital/stays/:stayID/review/payer`: clinicals sent, days approved, the payer's next review and reference.
    func logPayer(req: Request) async throws -> Response {
        let (stay, records) = try await load(.review, req)
        let form = try req.content.decode(StayReviewForms.Payer.self)
        let zone = req.application.settings.agencyTimeZone
        var problems: [String: String] = [:]
        let at = HospitalController.instant(form.communicatedAt, zone: zone), method = PayerContactMethod(rawValue: form.method ?? "")
        if at == nil { problems["communicatedAt"] = "Give the day and time of the communication." }
        if let at, at > req.now { problems["communicatedAt"] = "Give when it happened: now or earlier." }
        if let at, at < stay.row.arrivedAt { problems["communicatedAt"] = "It cannot come before the patient arrived (\(StayLifecycle.stamp(stay.row.arrivedAt, zone)))." }
        if method == nil { problems["method"] = "Choose how the payer was reached." }
        if Self.text(form.contact).isEmpty { problems["contact"] = "Name the payer's reviewer or the portal queue." }
        let days = Self.text(form.daysApproved).isEmpty ? nil : Int(Self.text(form.daysApproved))
        if !Self.text(form.daysApproved).isEmpty && (days ?? -1) < 0 { problems["daysApproved"] = "Give the days approved as a whole number (0 or more)." }
        let through = Self.day(form.approvedThrough, "approvedThrough", &problems), next = Self.day(form.nextReview, "nextReview", &problems)
        if let through, through < CalendarDate(stay.row.arrivedAt, in: zone) { problems["approvedThrough"] = "Approved days cannot end before the patient arrived." }
        if (days ?? 0) > 0 && through == nil { problems["approvedThrough"] = "Give the last approved day, so the queue knows when the days run out." }
        guard problems.isEmpty, let at, let method else {
            return try await refuse(stay, records, req, .init(payer: form, problems: problems, refused: "payer"))
        }
        let stayID = try stay.row.requireID(), user = try req.currentUser
        let row = PayerCommunication()
        row.$stay.id = stayID
        row.communicatedAt = at
        row.method = method.rawValue
        row.contact = Self.text(form.contact)
        row.clinicalsSent = form.clinicalsSent.isTicked
        row.daysApproved = days
        row.approvedThrough = through?.description
        row.nextReview = next?.description
        row.reference = Self.text(form.reference).nilIfEmpty
        row.note = Self.text(form.note).nilIfEmpty
        row.$recordedBy.id = user.id
        row.recordedByName = user.displayName
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("utilization.payer_communication", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString,
                            detail: "\(method.rawValue)\(days.map { ", \($0) days approved" } ?? "")")
        }
        return Self.redirect(req, stayID, "payer-log")
    }

    /// `POST /hospital/stays/:stayID/review/advisor`: to a member of the hospital's UR committee, refused with the reason
    /// when that member treats the patient or has a recorded financial interest [42 CFR 482.30(b)(3)].
    func referToAdvisor(req: Request) async throws -> Response {
        let (stay, records) = try await load(.review, req)
        let form = try req.content.decode(StayReviewForms.Advisor.self)
        var problems: [String: String] = [:]
        if Self.text(form.question).isEmpty { problems["question"] = "Write the question the advisor should answer." }
        let committee = try await URCommitteeStore.members(of: stay.row.unit.$hospital.id, on: req.db)
        let chosen = committee.first { $0.member.id == Self.text(form.advisor) }
        if let chosen {
            if let conflict = URCommitteeRule.conflict(chosen.member, careTeam: try await URCommitteeStore.careTeam(stay, on: req.db)) { problems["advisor"] = conflict }
        } else {
            problems["advisor"] = committee.isEmpty
                ? "This hospital has no UR committee yet: ask an administrator to add its physicians, then refer."
                : "Choose the physician advisor from the hospital's UR committee."
        }
        guard problems.isEmpty, let chosen else { return try await refuse(stay, records, req, .init(advisor: form, problems: problems, refused: "advisor")) }
        let stayID = try stay.row.requireID(), user = try req.currentUser
        let row = AdvisorReferral()
        row.$stay.id = stayID
        row.advisor = chosen.member.name
        row.$advisorUser.id = chosen.row.$user.id
        row.question = Self.text(form.question)
        row.referredAt = req.now
        row.$recordedBy.id = user.id
        row.recordedByName = user.displayName
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("utilization.advisor_referral", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stayID.uuidString,
                            detail: "to \(chosen.member.name)")
        }
        return Self.redirect(req, stayID, "advisor")
    }

    /// An optional `YYYY-MM-DD`; a typed value that is not a date is a problem under its field.
    static func day(_ text: String?, _ field: String, _ problems: inout [String: String]) -> CalendarDate? {
        let value = Self.text(text)
        guard !value.isEmpty else { return nil }
        guard let day = CalendarDate(value) else { problems[field] = "Give the date as YYYY-MM-DD."; return nil }
        return day
    }
}
