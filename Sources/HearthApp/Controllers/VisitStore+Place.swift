import FluentKit
import Foundation
import HearthCore

extension VisitStore {
    /// Puts a visit on a day, at a time, with a clinician, and records it: the one write behind booking, moving or
    /// reassigning a visit by hand and applying a day's plan. Runs inside the caller's `auditedWrite`, so a plan's visits
    /// move in one transaction; the caller has checked access and the scheduling rules.
    static func place(_ visit: VisitRecord, on date: CalendarDate, at time: ClockTime, clinicianID: UUID, isNew: Bool, detail: String?,
                      supervision: AideSupervision?, now: Date, db: any Database, audit: AuditTrail) async throws {
        visit.scheduledOn = date.description
        visit.startTime = time.description
        visit.$clinician.id = clinicianID
        visit.origin = nil // booked or moved by hand: scheduling from the care plan again keeps it
        try await visit.save(on: db)
        try await ObligationStore.refreshSupervision(episodeID: visit.$episode.id, patientID: visit.$patient.id, supervision: supervision, now: now, on: db)
        try await audit(isNew ? "visit.create" : "visit.reschedule", patientID: visit.$patient.id, resourceType: "Appointment",
                        resourceID: visit.id?.uuidString, detail: detail)
    }
}
