import Fluent
import Foundation
import HearthCore

/// Teaching records (`teaching_records`, shared with medication teaching) as HearthCore's teaching sessions.
enum TeachingStore {
    /// "Caregiver (Maria Lopez)", or "Patient".
    static func learner(_ row: TeachingLog) -> String {
        let learner = Learner(rawValue: row.learner)?.title ?? row.learner
        return row.learnerName.map { "\(learner) (\($0))" } ?? learner
    }

    static func session(_ row: TeachingLog) -> TeachingSession? {
        guard let learner = Learner(rawValue: row.learner), let method = TeachingMethod(rawValue: row.method),
              let result = TeachBackResult(rawValue: row.result), let day = CalendarDate(row.taughtOn) else { return nil }
        return TeachingSession(record: TeachingRecord(topic: row.topic, learner: learner, method: method, result: result,
                                                      materialGiven: row.material, note: row.note), taughtOn: day)
    }

    /// The patient's teaching, oldest first (the order `TeachingProgress` reads).
    static func rows(patientIDs: [UUID], on db: any Database) async throws -> [TeachingLog] {
        guard !patientIDs.isEmpty else { return [] }
        return try await TeachingLog.query(on: db).filter(\.$patient.$id ~~ patientIDs).sort(\.$taughtOn).sort(\.$createdAt).all()
    }

    static func progress(_ rows: [TeachingLog], library: TeachingTopicLibrary) -> TeachingProgress {
        TeachingProgress(sessions: rows.compactMap(session), library: library)
    }

    /// A new record of what was taught; the caller saves it.
    static func row(_ record: TeachingRecord, learnerName: String?, on day: CalendarDate, patientID: UUID, by userID: UUID?) -> TeachingLog {
        let row = TeachingLog()
        row.$patient.id = patientID
        row.topic = record.topic
        row.learner = record.learner.rawValue
        row.learnerName = learnerName?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        row.method = record.method.rawValue
        row.result = record.result.rawValue
        row.material = record.materialGiven
        row.note = record.note
        row.taughtOn = day.description
        row.$recordedBy.id = userID
        return row
    }
}
