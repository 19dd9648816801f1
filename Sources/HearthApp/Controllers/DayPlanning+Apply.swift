import FluentKit
import Foundation
import HearthCore
import Vapor

extension DayPlanning {
    /// Applies the chosen moves of a day's plan in one transaction, each visit audited as a reschedule, after checking them
    /// again against the day as it is now: each visit still not started and not fixed by hand, the supervisor allowed to
    /// change the patient's record, the clinician qualified (care team, discipline, credential that day) and working, and
    /// no one's visits overlapping afterwards. Returns what blocks the moves (nothing is written then), or [] once applied.
    static func apply(_ moves: [Move], on date: CalendarDate, req: Request) async throws -> [String] {
        try await PatientAccess.authorize(.planDay, on: req)
        guard !moves.isEmpty else { return ["Choose at least one visit to apply, or plan the day again."] }
        let day = try await DayPlanStore.load(date: date, team: nil, requirements: req.application.credentialRequirements, on: req.db)
        let records = try await VisitRecord.query(on: req.db).filter(\.$id ~~ moves.map(\.visitID)).all()
        let byID = Dictionary(records.compactMap { r in r.id.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
        // The same refusal as reassigning one visit by hand: the supervisor must be allowed to change each patient's record.
        for patientID in Set(records.map { $0.$patient.id }) {
            _ = try await PatientAccess.authorize(.write, patientID: patientID, on: req)
        }
        var problems: [String] = []
        for move in moves {
            guard let record = byID[move.visitID], record.scheduledOn == date.description, let row = day.visits[move.visitID.uuidString] else {
                problems.append("A visit in the plan is no longer on \(date). Plan the day again."); continue
            }
            if row.staysPut || !record.isNotYetStarted {
                problems.append("\(row.patientName)'s \(row.startTime) visit has started or is fixed by hand; it stays where it is. Plan the day again.")
                continue
            }
            problems += refusal(of: move, row: row, in: day)
        }
        problems += overlaps(after: moves, in: day)
        guard problems.isEmpty else { return problems }
        let supervision = req.application.aideSupervision, now = req.now
        let detail = "applied from the plan of \(date)"
        try await req.auditedWrite { db, audit in
            for move in moves {
                guard let record = byID[move.visitID] else { continue }
                try await VisitStore.place(record, on: date, at: move.time, clinicianID: move.clinicianID, isNew: false, detail: detail,
                                           supervision: supervision, now: now, db: db, audit: audit, sameDayOnly: true)
            }
        }
        return []
    }

    /// Why the move's clinician may not make the visit that day, in the planner's own words.
    static func refusal(of move: Move, row: DayPlanStore.VisitRow, in day: DayPlanStore.Day) -> [String] {
        guard let visit = day.request.visits.first(where: { $0.id == move.visitID.uuidString }) else { return [] }
        guard let clinician = day.request.clinicians.first(where: { $0.profile.id == move.clinicianID.uuidString }) else {
            return ["\(row.patientName): the clinician chosen is not field staff with a discipline on file."]
        }
        guard let shift = clinician.profile.workingHours.shift(on: day.request.date) else {
            return ["\(row.patientName): \(clinician.profile.name) does not work on \(day.request.date)."]
        }
        if move.time.minutesSinceMidnight < shift.start.minutesSinceMidnight {
            return ["\(row.patientName): \(move.time) is before \(clinician.profile.name)'s hours begin (\(shift.start))."]
        }
        return day.request.refusal(visit, by: clinician).map { ["\(row.patientName): \($0)"] } ?? []
    }

    /// Visits of one clinician that would overlap once the moves are made.
    static func overlaps(after moves: [Move], in day: DayPlanStore.Day) -> [String] {
        let moved = Dictionary(moves.map { ($0.visitID.uuidString, $0) }, uniquingKeysWith: { a, _ in a })
        var days: [String: [(start: Int, end: Int, name: String)]] = [:]
        for (id, row) in day.visits {
            let clinician = moved[id]?.clinicianID.uuidString ?? row.clinicianID?.uuidString
            guard let clinician, let start = moved[id]?.time.minutesSinceMidnight ?? ClockTime(row.startTime)?.minutesSinceMidnight else { continue }
            days[clinician, default: []].append((start, start + row.minutes, row.patientName))
        }
        var problems: [String] = []
        for (clinician, visits) in days {
            let sorted = visits.sorted { $0.start < $1.start }
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.start < a.end {
                let name = day.staff[clinician]?.displayName ?? "A clinician"
                problems.append("\(name)'s visits to \(a.name) and \(b.name) would overlap. Apply them together, or plan the day again.")
            }
        }
        return problems.sorted()
    }
}
