import Fluent
import Foundation
import HearthCore
import Vapor

/// `PUT /fhir/Task/inbound-<id>` with `status: cancelled`: the hospital that sent a referral withdraws it, with the
/// referral-scoped token the agency issued (`system/Task.u`). Only the sender, only to cancel; the agency answers in its
/// own intake inbox. After acceptance it still cancels, and the agency is told (`InboundReferralIntake.withdraw`).
extension FHIRController {
    func updateTask(req: Request) async throws -> Response {
        let raw = req.parameters.get("id") ?? ""
        guard raw.hasPrefix("inbound-") else {
            throw FHIRWriteError(.methodNotAllowed, "Only a referral's Task (Task/inbound-<id>) is updated here, by the hospital that sent it, to cancel it.",
                                 at: "Task", code: "not-supported")
        }
        let user = try req.currentUser
        guard let id = UUID(uuidString: String(raw.dropFirst("inbound-".count))),
              let referral = try await InboundReferral.query(on: req.db).filter(\.$id == id).with(\.$episode).first() else {
            throw AppError.notFound()
        }
        guard referral.$sender.id == user.id else {
            try await req.audit("referral.inbound.withdraw", outcome: .denied, resourceType: "Task", resourceID: raw, detail: "FHIR, not the sender")
            if AccessPolicy.decide(role: user.role, action: .registerPatient).isAllowed {
                throw FHIRWriteError(.forbidden, "Only the hospital that sent the referral cancels its Task; the agency answers it in its intake inbox.",
                                     at: "Task", code: "forbidden")
            }
            throw AppError.notFound()
        }
        let reason = try Self.cancellation(req.body.string ?? "", id: raw)
        let episode = referral.episode.flatMap { EpisodeStatus(rawValue: $0.status) }
        switch SenderCancellation.of(taskStatus: FHIRInboundTask.status(referral, episode: episode)) {
        case .refused(let why):
            throw FHIRWriteError(.conflict, why, at: "Task.status", code: "business-rule")
        case .alreadyCancelled, .alreadyDeclined:
            try await req.auditRead("referral.inbound.read", patientID: referral.$patient.id, resourceType: "Task", resourceID: id.uuidString,
                                    detail: "FHIR, cancelled by its sender: nothing left to cancel")
        case .cancel:
            let (now, zone) = (req.now, req.application.settings.agencyTimeZone)
            try await req.auditedWrite { db, audit in
                try await InboundReferralIntake.withdraw(referral, reason: reason, now: now, zone: zone, on: db, audit: audit)
            }
        }
        let firstVisit = try await FHIRInboundTask.firstVisits(episodes: [referral.$episode.id].compactMap { $0 }, on: req.db).values.first
        return try req.fhirRead(FHIRInboundTask(referral, episode: episode, agency: req.application.settings.agencyName, firstVisit: firstVisit),
                                lastUpdated: referral.updatedAt)
    }

    /// The reason the sender gives (`statusReason.text`), once the body is a Task of this id asking to be cancelled.
    static func cancellation(_ body: String, id: String) throws -> String? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) else {
            throw FHIRWriteError(.badRequest, "The body is not JSON: send the Task as FHIR JSON with status cancelled.", at: "Task", code: "invalid")
        }
        let task = FHIRNode(value: value, path: "Task")
        guard try task.string("resourceType") == "Task" else {
            throw FHIRWriteError(.badRequest, "Send a Task resource (resourceType Task).", at: "Task.resourceType", code: "invalid")
        }
        if let given = try task.string("id"), given != id {
            throw FHIRWriteError(.badRequest, "Task.id must be the id in the address (\(id)).", at: "Task.id", code: "invalid")
        }
        guard try task.string("status") == "cancelled" else {
            throw FHIRWriteError(.unprocessableEntity, "The hospital that sent the referral may only cancel it (status cancelled); the agency answers it in its intake inbox.",
                                 at: "Task.status", code: "business-rule")
        }
        return try task.object("statusReason")?.string("text")
    }
}
