import Fluent
import Foundation
import HearthCore

/// Authorizations with the visits they have used, counted from the visits made.
enum AuthorizationStore {
    static func row(_ authorization: VisitAuthorization, patientID: UUID, by userID: UUID?) -> AuthorizationRecord {
        let row = AuthorizationRecord()
        row.$patient.id = patientID
        row.payer = authorization.payer
        row.number = authorization.number
        row.discipline = authorization.discipline?.rawValue
        row.visitsAuthorized = authorization.visitsAuthorized
        row.startOn = authorization.start.description
        row.endOn = authorization.end.description
        row.$recordedBy.id = userID
        return row
    }

    static func authorization(_ row: AuthorizationRecord) -> VisitAuthorization? {
        guard let start = CalendarDate(row.startOn), let end = CalendarDate(row.endOn) else { return nil }
        return VisitAuthorization(payer: row.payer, number: row.number, discipline: row.discipline.flatMap(Discipline.init(rawValue:)),
                                  visitsAuthorized: row.visitsAuthorized, start: start, end: end)
    }

    /// Each authorization of these patients, newest last day first, with the visits it has used.
    static func withUse(patientIDs: [UUID], endingAfter: CalendarDate? = nil, on db: any Database)
        async throws -> [(UUID, AuthorizationRecord, VisitAuthorization, Int)] {
        guard !patientIDs.isEmpty else { return [] }
        let query = AuthorizationRecord.query(on: db).filter(\.$patient.$id ~~ patientIDs)
        if let endingAfter { query.filter(\.$endOn >= endingAfter.description) }
        let rows = try await query.sort(\.$endOn, .descending).all()
        guard let earliest = rows.map(\.startOn).min() else { return [] }
        let made = try await VisitRecord.query(on: db).filter(\.$patient.$id ~~ patientIDs).filter(\.$status == VisitStatus.completed.rawValue)
            .filter(\.$scheduledOn >= earliest).all()
        let byPatient = Dictionary(grouping: made, by: \.$patient.id).mapValues { visits in
            visits.compactMap { visit in CalendarDate(visit.scheduledOn).flatMap { day in Discipline(rawValue: visit.discipline).map { (date: day, discipline: $0) } } }
        }
        return rows.compactMap { row in
            authorization(row).map { (row.$patient.id, row, $0, $0.visitsUsed(byPatient[row.$patient.id] ?? [])) }
        }
    }
}
