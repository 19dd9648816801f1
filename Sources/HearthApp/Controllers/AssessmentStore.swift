import Fluent
import Foundation
import HearthCore
import Vapor

/// Loading, saving, signing and amending assessments; every rule about what may change comes from `HearthCore`.
enum AssessmentStore {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static func answers(of record: AssessmentRecord) -> AssessmentAnswers {
        (try? JSONDecoder().decode(AssessmentAnswers.self, from: Data(record.answers.utf8))) ?? AssessmentAnswers()
    }

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The assessment of this patient, or "not found" — an id never reaches across charts.
    static func find(_ id: UUID?, patientID: UUID, on db: any Database) async throws -> AssessmentRecord {
        guard let id, let record = try await AssessmentRecord.query(on: db).filter(\.$id == id).filter(\.$patient.$id == patientID).first() else {
            throw AppError.notFound("That assessment is not on this patient's chart.")
        }
        return record
    }

    /// The instrument version the assessment was started on: it is filled in, scored, shown and amended with that
    /// wording even after a newer version is installed.
    static func instrument(of record: AssessmentRecord, in catalog: InstrumentCatalog) throws -> InstrumentDefinition {
        guard let instrument = catalog[record.instrumentID, version: record.instrumentVersion] else {
            throw AppError.conflict("Version \(record.instrumentVersion) of the instrument \(record.instrumentID) is no longer installed. "
                                    + "Ask an administrator to put it back in Resources/Instruments/history.")
        }
        return instrument
    }

    /// Every version of the assessment this record belongs to, oldest first.
    static func chain(of record: AssessmentRecord, on db: any Database) async throws -> [AssessmentRecord] {
        var chain = [record]
        var cursor = record
        while let older = cursor.amendsID, let previous = try await AssessmentRecord.find(older, on: db) {
            chain.insert(previous, at: 0)
            cursor = previous
        }
        while let newer = try await AssessmentRecord.query(on: db).filter(\.$amendsID == cursor.requireID()).first() {
            chain.append(newer)
            cursor = newer
        }
        return chain
    }

    static func lifecycle(of chain: [AssessmentRecord]) -> AssessmentLifecycle {
        AssessmentLifecycle(versions: chain.map { row in
            AssessmentVersion(number: row.version, amends: row.amendsID == nil ? nil : row.version - 1, amendmentReason: row.amendmentReason,
                              status: AssessmentStatus(rawValue: row.status) ?? .draft,
                              signature: row.signedAt.map { AssessmentSignature(signedBy: row.$signedBy.id?.uuidString ?? "", signedAt: $0) })
        })
    }

    /// Signs the draft when nothing is missing; stores the scores and findings, refreshes the episode's deadlines.
    static func sign(_ record: AssessmentRecord, instrument: InstrumentDefinition, by user: CurrentUser, on req: Request) async throws -> [String: String] {
        let answers = answers(of: record)
        let problems = instrument.problems(answers, forSigning: true)
        let chain = try await chain(of: record, on: req.db)
        var lifecycle = lifecycle(of: chain)
        let now = req.now
        do { try lifecycle.sign(by: user.id.uuidString, at: now, problems: problems) } catch {
            if problems.isEmpty { throw AppError.conflict(error.description) }
            return problems
        }
        let evaluation = instrument.evaluate(answers)
        let headline = evaluation.headline
        record.status = AssessmentStatus.signed.rawValue
        record.$signedBy.id = user.id
        record.signedAt = now
        record.scoreValue = headline?.value
        record.scoreSummary = headline?.summary
        record.findings = try encode(evaluation.findings)
        record.alerts = try encode(evaluation.alerts)
        let tasks = try await tasks(for: evaluation.alerts, record: record, signer: user, now: now, req: req)
        let superseded = chain.filter { $0.id != record.id && $0.status == AssessmentStatus.signed.rawValue }
        try await req.auditedWrite { db, audit in
            for older in superseded {
                older.status = AssessmentStatus.amended.rawValue
                try await older.save(on: db)
            }
            try await record.save(on: db)
            try await RecordChange(patientID: record.$patient.id, field: "Assessment signed",
                                   from: nil, to: "\(instrument.title) (\(record.kind.replacingOccurrences(of: "_", with: " ")), version \(record.version))", by: user.id).create(on: db)
            try await audit("assessment.sign", patientID: record.$patient.id, resourceType: "QuestionnaireResponse", resourceID: record.id?.uuidString,
                                detail: evaluation.alerts.isEmpty ? nil : "\(evaluation.alerts.count) safety alert(s)")
            try await tasks.create(on: db)
            if let episodeID = record.$episode.id, let episodeRow = try await EpisodeRecord.find(episodeID, on: db) {
                let episode = try EpisodeStore.episode(from: try await EpisodeStore.events(of: episodeRow, on: db))
                try await ObligationStore.refresh(episode, record: episodeRow, clock: req.application.regulatoryClock, now: req.now, on: db)
            }
        }
        return [:]
    }
}

extension AssessmentStore {
    /// A safety alert becomes a task for the patient's case manager (or the signer when there is none): urgent ones due today.
    static func tasks(for alerts: [SafetyAlert], record: AssessmentRecord, signer: CurrentUser, now: Date, req: Request) async throws -> [CareTask] {
        guard !alerts.isEmpty else { return [] }
        let patient = try await Patient.find(record.$patient.id, on: req.db)
        // Due by the end of today in the agency's zone (midnight would read as tomorrow's date on every list).
        let today = CalendarDate(now, in: req.application.settings.agencyTimeZone)
        let endOfToday = AgencyTime.endOfDay(today, in: req.application.settings.agencyTimeZone)
        let endOfSoon = AgencyTime.endOfDay(today.adding(days: 2), in: req.application.settings.agencyTimeZone)
        return alerts.map { alert in
            let task = CareTask()
            task.$patient.id = record.$patient.id
            task.$assignedTo.id = patient?.$caseManager.id ?? signer.id
            task.title = alert.task
            task.detail = alert.reason
            task.priority = (alert.urgency == .urgent ? WorklistPriority.urgent : .high).rawValue
            task.dueAt = alert.urgency == .urgent ? endOfToday : endOfSoon
            task.status = "open"
            task.source = WorklistSource.phq9SafetyAlert.rawValue
            task.dedupeKey = "safety-alert:\(record.id?.uuidString.lowercased() ?? ""):\(alert.id)"
            return task
        }
    }
}

/// An HTML form body as name → values, keeping repeated names (checkbox groups) that a keyed decoder would drop.
enum FormBody {
    static func parse(_ body: String?) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for pair in (body ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            guard let name = parts.first, !name.isEmpty else { continue }
            fields[name, default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return fields
    }
}
