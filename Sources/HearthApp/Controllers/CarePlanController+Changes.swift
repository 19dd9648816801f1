import Fluent
import Foundation
import HearthCore
import Vapor

/// Draft changes to a plan the physician already has: one interim order carries them; the signed version stays in force
/// until it is signed [42 CFR 484.60(b)(1), (c)(1)].
extension CarePlanController {
    /// `POST …/care-plan/send-changes`: the draft's changes since the version the physician has go as one interim order.
    func sendChanges(req: Request) async throws -> Response {
        let editing = try await editable(req)
        let plan = editing.plan
        guard let from = plan.standing.changesFrom else {
            return try await refuse(editing, CarePlanForms(formError: "The physician has no plan of care for this patient yet: send the plan of care (under Physician orders); it carries every change so far."), req)
        }
        guard plan.standing.hasUnsentChanges, let current = plan.current else {
            return try await refuse(editing, CarePlanForms(formError: "There are no draft changes to send: version \(from) is already with the physician."), req)
        }
        guard let physician = try await editing.patient.$physician.get(on: req.db) else {
            return try await refuse(editing, CarePlanForms(formError: "The patient has no attending physician. Choose one on the chart (Physician, at the top: Choose physician) before sending the changes."), req)
        }
        let changes = try await OrderStore.changes(from: from, of: plan, on: req.db)
        guard !changes.isEmpty else {
            return try await refuse(editing, CarePlanForms(formError: "The draft is the same as version \(from), which the physician has: there is nothing to send."), req)
        }
        let user = try req.currentUser
        let document = OrderStore.interimDocument(changes, patient: editing.patient, from: from, to: current.version)
        var order = try PhysicianOrder(id: UUID().uuidString, kind: .interim, physician: try OrderStore.physician(physician), document: document)
        try order.send(at: req.now)
        let record = try OrderStore.record(order, patientID: try editing.patient.requireID(), episodeID: try plan.episode.requireID(),
                                           physicianID: try physician.requireID(), summary: "Interim (version \(current.version)): " + changes.joined(separator: "; "),
                                           periodNumber: editing.period.number, versionID: current.id, by: user.id)
        let clock = req.application.regulatoryClock
        try await req.auditedWrite { db, audit in
            try await record.create(on: db)
            try await RecordChange(patientID: editing.patient.requireID(), field: "Physician order", from: nil,
                                   to: "sent: changes to the plan of care, version \(from) → \(current.version)", by: user.id).create(on: db)
            try await audit("order.send", patientID: editing.patient.id, resourceType: "ServiceRequest", resourceID: record.id?.uuidString,
                                detail: "interim, version \(current.version)")
            // The change's signature is now owed (plan-change-signed); the plan of care's own deadline stays as it was.
            try await OrderStore.refreshDeadlines(episodeID: record.$episode.id, clock: clock, now: req.now, on: db)
        }
        return req.redirect(to: SiteURL.patient(try editing.patient.requireID(), .carePlan).path + "#plan-standing")
    }
}
