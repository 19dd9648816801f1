import FluentKit
import Foundation
import HearthCore

extension VisitStore {
    /// Puts a visit on a day, at a time, with a clinician, and records it: the one write behind booking, moving or
    /// reassigning a visit by hand and applying a day's plan. Runs inside the caller's `auditedWrite`, so a plan's visits
    /// move in one transaction; the caller has checked access and the scheduling rules.
    /// Aide supervision and the 30-day periods' visit counts follow a visit's day and discipline, not its hour or
    /// clinician: `sameDayOnly` (a day's plan moves visits within their day) skips refreshing them.
    static func place(_ visit: VisitRecord, on date: CalendarDate, at time: ClockTime, clinicianID: UUID, isNew: Bool, detail: String?,
                      supervision: AideSupervision?, now: Date, db: any Database, audit: AuditTrail, sameDayOnly: Bool = false) async throws {
        let refresh = !(sameDayOnly && visit.scheduledOn == date.description)
        visit.scheduledOn = date.description
        visit.startTime = time.description
        visit.$clinician.id = clinicianID
        visit.origin = nil // booked or moved by hand: scheduling from the care plan again keeps it
        try await visit.save(on: db)
        if refresh {
            try await ObligationStore.refreshSupervision(episodeID: visit.$episode.id, patientID: visit.$patient.id, supervision: supervision, now: now, on: db)
        }
        try await audit(isNew ? "visit.create" : "visit.reschedule", patientID: visit.$patient.id, resourceType: "Appointment",
                        resourceID: visit.id?.uuidString, detail: detail)
    }
}
