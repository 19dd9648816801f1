import Fluent
import Foundation
import HearthCore
import Vapor

extension ReferralInboxController {
    /// The referral as intake reviews it: everything the Bundle holds that Hearth keeps, and the patients it may be.
    func page(_ referral: InboundReferral, req: Request) async throws -> ReferralInboxDetailPage {
        let id = try referral.requireID()
        let contents = try InboundReferralIntake.contents(referral, today: req.agencyToday)
        let open = referral.status == InboundReferral.Status.requested.rawValue
        let matches = open ? try await InboundReferralIntake.matches(contents, on: req.db) : []
        let draft = contents.patient.draft
        var facts: [(label: String, value: String)] = [
            ("Referred by", referral.senderName), ("Received", req.agencyClock(referral.receivedAt)),
            ("Ordered start of care", referral.orderedStartOfCare ?? "Not ordered"), ("Born", draft.birthDate), ("Sex", draft.sex),
        ]
        if !draft.phone.isEmpty { facts.append(("Phone", draft.phone)) }
        let address = [draft.addressLine, draft.city, draft.state, draft.postalCode].filter { !$0.isEmpty }.joined(separator: ", ")
        if !address.isEmpty { facts.append(("Address", address)) }
        if !draft.language.isEmpty { facts.append(("Language", draft.language + (draft.interpreterNeeded ? ", interpreter needed" : ""))) }
        facts += contents.patient.identifiers.map { ("Identifier", "\($0.value) (\($0.system))") }
        var shown: [ReferralInboxDetailPage.Match] = []
        for match in matches { shown.append(try await Self.match(match, req: req)) }
        return ReferralInboxDetailPage(
            shell: PageShell(request: req, title: "Referral: \(referral.patientName)"), backHref: SiteURL.referralInbox.path,
            title: referral.patientName, status: Self.statusTitle(referral), statusClass: Self.statusClass(referral),
            decision: try await decision(referral, req), facts: facts, sections: try Self.sections(contents),
            matches: shown, open: open,
            acceptAction: SiteURL.inboundReferral(id, .accept).path, chosenMatch: "", confirmNew: false, acceptError: nil,
            declineForm: Self.declineForm(referral, reason: "", problems: [:]), withdrawn: referral.withdrawnAt != nil)
    }

    private func decision(_ referral: InboundReferral, _ req: Request) async throws -> String? {
        if let withdrawn = referral.withdrawnAt {
            let why = referral.withdrawalReason.map { ": \($0)" } ?? ""
            guard referral.$episode.id != nil else { return "Withdrawn by \(referral.senderName) at \(req.agencyClock(withdrawn))\(why). It can no longer be accepted." }
            return "Withdrawn by \(referral.senderName) at \(req.agencyClock(withdrawn))\(why), after the agency had accepted it. The chart and episode stay open:"
                + " call the hospital before any visit, then record the patient not admitted or discharge the episode (a task is on the case manager's worklist)."
        }
        guard let at = referral.decidedAt else { return nil }
        let by = try await referral.$decidedBy.get(on: req.db)?.displayName ?? "the agency"
        if referral.status == InboundReferral.Status.rejected.rawValue { return "Declined by \(by) at \(req.agencyClock(at)): \(referral.reason ?? "")" }
        if referral.$episode.id == nil { return "Confirmed by \(by) at \(req.agencyClock(at)); no episode was opened (this was a registration, not a referral)." }
        return "Accepted by \(by) at \(req.agencyClock(at)); the patient's chart and episode are open."
    }

    static func sections(_ contents: InboundReferralContents) throws -> [ReferralInboxDetailPage.Section] {
        let diagnoses = try contents.conditions.map { entry -> String in
            let concept = try entry.resource.object("code").map { try FHIRConcept.concept($0) }
            let coding = concept?.coding?.first { $0.system == FHIRCondition.icd10 }
            return [coding?.code, coding?.display ?? concept?.text].compactMap { $0 }.joined(separator: " ")
        }
        let allergies = try contents.allergies.map { entry -> String in
            let substance = try entry.resource.object("code")?.string("text") ?? ""
            let severity = try entry.resource.array("reaction").first?.string("severity")
            return severity.map { "\(substance) (\($0))" } ?? substance
        }
        let medications = contents.medications.map { m in
            "\([m.name, m.strength].compactMap { $0 }.joined(separator: " ")): \(m.dose) \(m.route.sigPhrase) \(m.schedule)" + (m.rxnorm.map { " · RxNorm \($0)" } ?? "")
        }
        return [
            .init(id: "referral-diagnoses", title: "Diagnoses", lines: diagnoses, empty: "No diagnosis was sent."),
            .init(id: "referral-allergies", title: "Allergies", lines: allergies, empty: "No allergy was sent."),
            .init(id: "referral-medications", title: "Medication list (for reconciliation at start of care)", lines: medications, empty: "No medication list was sent."),
            .init(id: "referral-coverage", title: "Coverage", lines: contents.coverages, empty: "No coverage was sent."),
        ]
    }

    /// A registered patient the referral may be: named only when the user may open the chart.
    static func match(_ patient: Patient, req: Request) async throws -> ReferralInboxDetailPage.Match {
        let user = try req.currentUser
        let relationships = try await PatientAccess.relationships(of: user.id, to: patient, on: req.db)
        guard AccessPolicy.decide(role: user.role, relationships: relationships, action: .manageEpisode).isAllowed else {
            return .init(value: "", label: "A registered patient has the same identifier, or the same name and birth date, and matching it is not yours to do: ask a supervisor or the patient’s case manager to match this referral.",
                         selectable: false)
        }
        return .init(value: try patient.requireID().uuidString.lowercased(), label: "\(patient.listName), MRN \(patient.mrn), born \(patient.birthDate)", selectable: true)
    }
}
