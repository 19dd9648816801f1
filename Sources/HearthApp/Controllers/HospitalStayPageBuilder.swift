import Foundation
import HearthCore
import Vapor

/// Builds the stay page from a loaded stay; a refused form comes back with its typing and the reasons by the fields.
struct HospitalStayPageBuilder {
    var req: Request
    var stay: HospitalStore.LoadedStay

    var zone: TimeZone { req.application.settings.agencyTimeZone }

    func page(chosenNotice: String? = nil, notice: HospitalController.NoticeForm? = nil, status: HospitalController.StatusForm? = nil,
              plan: HospitalController.PlanForm? = nil, discharge: HospitalController.DischargeForm? = nil,
              problems: [String: String] = [:], refused: String? = nil) throws -> HospitalStayPage {
        let id = try stay.row.requireID()
        let clock = StayClock(timeZone: zone)
        let now = req.now
        let facts = stay.facts
        let nowValue = HospitalController.formValue(now, zone: zone)
        let p: (String) -> [String: String] = { form in refused == form ? problems : [:] }
        let n = notice ?? .init(kind: chosenNotice ?? clock.notices(facts, now: now).first(where: \.isOutstanding)?.ruleID, deliveredAt: nowValue, outcome: "signed", recipient: "Patient")
        let s = status ?? .init(effectiveAt: nowValue)
        let e = plan ?? .init(expectedDischarge: stay.row.expectedDischarge, plannedDisposition: stay.row.plannedDisposition)
        let d = discharge ?? .init(dischargedAt: nowValue, disposition: stay.row.plannedDisposition)
        let dispositions = Disposition.allCases.map { (value: $0.rawValue, label: $0.title) }
        return HospitalStayPage(
            shell: PageShell(request: req, title: "Stay: \(stay.row.listName)"), name: stay.row.listName, backHref: SiteURL.hospital.path,
            facts: self.facts(clock: clock, now: now),
            checks: clock.checks(facts, now: now).map { .init(id: $0.id, title: $0.title, level: $0.level.rawValue, explanation: $0.explanation) },
            notices: clock.notices(facts, now: now).map { obligation in
                .init(kind: obligation.ruleID, title: obligation.title, status: obligation.status, flagClass: obligation.state.kind.rawValue,
                      explanation: obligation.explanation,
                      deliverHref: obligation.isOutstanding && !facts.isDischarged ? SiteURL.hospitalStay(id).path + "?notice=\(obligation.ruleID)#deliver-notice" : nil)
            },
            delivered: stay.notices.reversed().map { row in
                .init(title: StayNoticeKind(rawValue: row.kind)?.title ?? row.kind, when: StayLifecycle.stamp(row.deliveredAt, zone),
                      outcome: StayNotice.Outcome(rawValue: row.outcome)?.title ?? row.outcome, recipient: row.recipient, by: row.deliveredByName, note: row.note)
            },
            timeline: timeline(),
            discharged: facts.isDischarged,
            noticeForm: PageForm(action: SiteURL.hospitalStay(id, .notices).path, fields: [
                .select("kind", "Notice", n.kind, StayNoticeKind.allCases.map { ($0.rawValue, $0.title) }, p("notice"), prefix: "n-"),
                .text("deliveredAt", "Delivered at", n.deliveredAt, p("notice"), prefix: "n-", type: "datetime-local"),
                .select("outcome", "Signature", n.outcome, StayNotice.Outcome.allCases.map { ($0.rawValue, $0.title) }, p("notice"), prefix: "n-"),
                .text("recipient", "Received by", n.recipient, p("notice"), prefix: "n-", hint: "The patient, or the representative's name"),
                .text("note", "Note", n.note, p("notice"), prefix: "n-", hint: "e.g. why the patient refused to sign", wide: true),
            ], error: refused == "notice" ? PageForm.refusal(problems) : nil),
            statusForm: PageForm(action: SiteURL.hospitalStay(id, .status).path, fields: [
                .select("status", "New status", s.status, StayStatus.allCases.map { ($0.rawValue, $0.title) }, p("status"), prefix: "s-"),
                .text("effectiveAt", "Order written at", s.effectiveAt, p("status"), prefix: "s-", type: "datetime-local"),
                .text("reason", "Reason", s.reason, p("status"), prefix: "s-", wide: true),
                .text("reviewer", "UR committee physician (condition code 44)", s.reviewer, p("status"), prefix: "s-",
                      hint: "Only for inpatient to outpatient, before discharge"),
                .text("attending", "Attending who concurred (condition code 44)", s.attending, p("status"), prefix: "s-"),
            ], error: refused == "status" ? PageForm.refusal(problems) : nil),
            dischargeDateForm: PageForm(action: SiteURL.hospitalStay(id, .expectedDischarge).path, fields: [
                .text("expectedDischarge", "Expected discharge date", e.expectedDischarge, p("plan"), prefix: "e-", type: "date"),
                .select("plannedDisposition", "Planned discharge to", e.plannedDisposition, dispositions, p("plan"), prefix: "e-"),
            ], error: refused == "plan" ? PageForm.refusal(problems) : nil),
            dischargeForm: PageForm(action: SiteURL.hospitalStay(id, .discharge).path, fields: [
                .text("dischargedAt", "Discharged at", d.dischargedAt, p("discharge"), prefix: "d-", type: "datetime-local"),
                .select("disposition", "Discharged to", d.disposition, dispositions, p("discharge"), prefix: "d-"),
            ], error: refused == "discharge" ? PageForm.refusal(problems) : nil),
            refusedForm: refused, reviewHref: SiteURL.stayReview(id, .show).path)
    }

    private func facts(clock: StayClock, now: Date) -> [HospitalStayPage.Fact] {
        let row = stay.row, facts = stay.facts
        let expected = clock.expectedMidnights(facts).map { " (\($0) expected by the EDD)" } ?? ""
        return [
            .init(label: "Hospital MRN", value: row.hospitalMRN),
            .init(label: "Born", value: row.birthDate),
            .init(label: "Unit and bed", value: "\(row.unit.code) \(row.bed ?? "")"),
            .init(label: "Status", value: facts.currentStatus.title),
            .init(label: "Arrived", value: StayLifecycle.stamp(row.arrivedAt, zone)),
            .init(label: "Inpatient order", value: facts.admittedAt.map { StayLifecycle.stamp($0, zone) } ?? "None"),
            .init(label: "Midnights", value: "\(clock.midnightsCrossed(facts, now: now))\(expected)"),
            .init(label: "Expected discharge", value: row.expectedDischarge ?? "Not set"),
            .init(label: "Planned discharge to", value: facts.plannedDisposition?.title ?? "Not planned"),
            .init(label: "Attending", value: row.attending ?? ""),
            .init(label: "Working diagnosis", value: row.workingDiagnosis ?? ""),
            .init(label: "Payer", value: row.payer ?? ""),
            .init(label: "GMLOS", value: "LOS vs GMLOS is on the utilization review page, from the working DRG"),
        ] + (row.dischargedAt.map { [.init(label: "Discharged", value: "\(StayLifecycle.stamp($0, zone)) to \(facts.disposition?.title ?? "")")] } ?? [])
    }

    private func timeline() -> [HospitalStayPage.TimelineLine] {
        stay.statuses.enumerated().map { index, row in
            let until = stay.facts.end(of: index).map { StayLifecycle.stamp($0, zone) } ?? "now"
            let code44 = row.urReviewer.map { "Condition code 44: determined by \($0), attending \(row.concurringAttending ?? "") concurred. " } ?? ""
            return .init(status: StayStatus(rawValue: row.status)?.title ?? row.status, from: StayLifecycle.stamp(row.startsAt, zone), until: until,
                         detail: code44 + (row.reason.map { "\($0). " } ?? "") + "Recorded by \(row.recordedByName).")
        }.reversed()
    }
}
