import Foundation
import HearthCore
import Vapor

/// The stay review page's physician advisor card: the referral form (the hospital's UR committee, each member's conflict
/// with this stay said), the referrals with their determinations, and the advisor's own determination forms.
extension StayReviewPageBuilder {
    func advisorForm(_ forms: StayReviewForms, id: UUID) -> PageForm {
        let f = forms.advisor ?? .init()
        let p = forms.problems(for: "advisor")
        let choices = committee.filter { URCommitteeRule.physicianRoles.contains($0.member.role) }.map { member in
            (member.member.id, member.member.name + (URCommitteeRule.conflict(member.member, careTeam: careTeam) == nil ? "" : " (may not review this stay)"))
        }
        return PageForm(action: SiteURL.stayReview(id, .advisor).path, fields: [
            .select("advisor", "Physician advisor", f.advisor, [("", "Choose a committee member")] + choices, p, prefix: "pa-",
                    hint: "From the hospital's UR committee"),
            .text("question", "Question for the advisor", f.question, p, prefix: "pa-", wide: true),
        ], error: PageForm.refusal(p))
    }

    var committeeNote: String {
        if committee.isEmpty {
            return "This hospital has no UR committee roster yet: ask an administrator to add its physicians (UR committee, under Administration)."
        }
        let names = committee.map(\.member.name).joined(separator: ", ")
        return "UR committee: \(names)." + (URCommitteeRule.compositionProblem(committee.map(\.member)).map { " \($0)" } ?? "")
    }

    func referralLine(_ row: AdvisorReferral) -> StayReviewPage.Line {
        let decided = row.id.flatMap { id in stay.determinations.first { $0.$referral.id == id } }
        let answer = decided.map { d in
            let outcome = AdvisorDetermination(rawValue: d.outcome)?.title ?? d.outcome
            let view = AttendingView(rawValue: d.attendingView)?.title.lowercased() ?? d.attendingView
            return "\(outcome), \(StayLifecycle.stamp(d.determinedAt, zone)) by \(d.memberName)" + (d.secondMemberName.map { " and \($0)" } ?? "")
                + "; \(view). \(d.rationale)"
        } ?? "Waiting for the advisor"
        return .init(cells: [StayLifecycle.stamp(row.referredAt, zone), row.advisor, row.question, row.recordedByName, answer])
    }

    /// A form for each referral on this stay that went to the signed-in user and has no determination yet.
    func determinationForms(_ forms: StayReviewForms, id: UUID) throws -> [StayReviewPage.DeterminationForm] {
        let answered = Set(stay.determinations.map { $0.$referral.id })
        let open = records.referrals.filter { referral in referral.$advisorUser.id == user.id && !answered.contains(referral.id ?? UUID()) }
        return try open.map { referral in
            let referralID = try referral.requireID()
            let mine = forms.determination?.referralID == referralID
            let f = mine ? forms.determination?.form ?? .init() : .init()
            let p = mine ? forms.problems(for: "determination") : [:]
            let prefix = "dt\(referralID.uuidString.prefix(8).lowercased())-"
            let others = committee.filter { $0.member.id != user.id.uuidString }.map { ($0.member.id, $0.member.name) }
            return .init(id: referralID.uuidString.prefix(8).lowercased(), question: referral.question, form: PageForm(
                action: SiteURL.stayReview(id, .determination(referral: referralID)).path, fields: [
                    .select("outcome", "Determination", f.outcome, [("", "Choose")] + AdvisorDetermination.allCases.map { ($0.rawValue, $0.title) }, p, prefix: prefix),
                    .select("attendingView", "The attending's view", f.attendingView, [("", "Choose")] + AttendingView.allCases.map { ($0.rawValue, $0.title) }, p,
                            prefix: prefix, hint: "Consult the attending before finding the stay not necessary [42 CFR 482.30(d)(2)]"),
                    .select("secondMember", "Second member who concurs", f.secondMember, [("", "None")] + others, p, prefix: prefix,
                            hint: "Needed when the attending disagrees"),
                    InputField(id: prefix + "rationale", name: "rationale", label: "Rationale", type: "textarea", value: f.rationale ?? "", error: p["rationale"],
                               hint: "What in the record supports the determination", wide: true),
                ], error: PageForm.refusal(p)))
        }
    }
}
