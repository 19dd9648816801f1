import Fluent
import Foundation
import HearthCore
import Vapor

/// Reading and changing episodes. Every move is checked by `HearthCore.Episode` and saved with its audit record.
enum EpisodeStore {
    /// The patient's most recent episode, if any.
    /// All the patient's episodes, latest first (the order `latest` picks by).
    static func all(patientID: UUID, on db: any Database) async throws -> [EpisodeRecord] {
        try await EpisodeRecord.query(on: db).filter(\.$patient.$id == patientID)
            .sort(\.$referralDate, .descending).sort(\.$createdAt, .descending).all()
    }

    static func latest(patientID: UUID, on db: any Database) async throws -> EpisodeRecord? {
        try await EpisodeRecord.query(on: db).filter(\.$patient.$id == patientID)
            .sort(\.$referralDate, .descending).sort(\.$createdAt, .descending).first()
    }

    static func events(of record: EpisodeRecord, on db: any Database) async throws -> [EpisodeEventRecord] {
        try await EpisodeEventRecord.query(on: db).filter(\.$episode.$id == record.requireID()).sort(\.$position).all()
    }

    /// Rebuilds the domain episode from its stored events.
    static func episode(from events: [EpisodeEventRecord]) throws -> Episode {
        let domainEvents = try events.map { event -> EpisodeEvent in
            guard let kind = EpisodeEvent.Kind(rawValue: event.kind), let date = CalendarDate(event.onDate) else {
                throw AppError.conflict("This episode has an unreadable event; ask an administrator to check it.")
            }
            return EpisodeEvent(kind: kind, on: date, reason: event.reason)
        }
        do { return try Episode(replaying: domainEvents) } catch {
            throw AppError.conflict("This episode's history is inconsistent (\(error)). Ask an administrator to check it.")
        }
    }

    /// Opens a new episode with its referral, unless the patient already has an open one.
    static func open(patientID: UUID, referral: Referral, by user: CurrentUser, on req: Request) async throws -> EpisodeRecord {
        try await req.auditedWrite { db, audit in try await open(patientID: patientID, referral: referral, by: user, req: req, on: db, audit: audit) }
    }

    /// The same, inside a transaction the caller holds (a referral accepted from the intake inbox).
    static func open(patientID: UUID, referral: Referral, by user: CurrentUser, req: Request, on db: any Database, audit: AuditTrail) async throws -> EpisodeRecord {
        if let current = try await latest(patientID: patientID, on: db),
           EpisodeStatus(rawValue: current.status)?.isOpen == true {
            throw EpisodeMoveError(field: "date", message: "This patient already has an open episode. Discharge it before opening another.")
        }
        let record = EpisodeRecord()
        record.id = UUID()
        record.$patient.id = patientID
        record.referralSource = referral.source
        record.referralReceivedAt = referral.receivedAt
        record.orderedStartOfCare = referral.orderedStartOfCare?.description
        try await save(Episode(referralDate: referral.date), into: record, newEvents: [.referralReceived(on: referral.date)], from: 0, by: user.id,
                       clock: req.application.regulatoryClock, now: req.now, on: db)
        try await audit("episode.create", patientID: patientID, resourceType: "EpisodeOfCare", resourceID: record.id?.uuidString)
        return record
    }

    /// Records the next move, or throws `EpisodeMoveError` with the reason; nothing is saved when refused.
    static func record(_ event: EpisodeEvent, at instant: Date? = nil, ordered: CalendarDate? = nil, circumstance: EpisodeEventCircumstance? = nil,
                       in record: EpisodeRecord, by user: CurrentUser, on req: Request) async throws {
        let stored = try await events(of: record, on: req.db)
        var episode = try episode(from: stored)
        if let problem = circumstance?.problem(with: event.kind, status: episode.status) {
            throw EpisodeMoveError(field: "circumstance", message: problem)
        }
        do { try episode.apply(event) } catch {
            throw EpisodeMoveError(field: "date", message: error.description)
        }
        let changed = episode
        do {
            try await req.auditedWrite { db, audit in
                try await save(changed, into: record, newEvents: [event], at: instant, ordered: ordered, circumstance: circumstance, from: stored.count, by: user.id, clock: req.application.regulatoryClock, now: req.now, on: db)
                try await audit("episode.\(event.kind.rawValue)", patientID: record.$patient.id, resourceType: "EpisodeOfCare", resourceID: record.id?.uuidString, detail: event.date.description)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw EpisodeMoveError(field: "date", message: "Someone else changed this episode at the same time. Reload the chart and try again.")
        }
    }

    /// Writes the derived summary, the new events and the recomputed obligations; the (episode, position) key
    /// refuses a concurrent double move.
    static func save(_ episode: Episode, into record: EpisodeRecord, newEvents: [EpisodeEvent], at instant: Date? = nil, ordered: CalendarDate? = nil,
                     circumstance: EpisodeEventCircumstance? = nil, from position: Int, by userID: UUID?,
                     clock: RegulatoryClock, now: Date, on db: any Database) async throws {
        summarize(episode, into: record)
        try await record.save(on: db)
        let rows = try eventRows(newEvents, episodeID: record.requireID(), from: position, by: userID)
        rows.last?.occurredAt = instant
        rows.last?.orderedOn = ordered?.description
        rows.last?.circumstance = circumstance?.rawValue
        try await rows.create(on: db)
        try await ObligationStore.refresh(episode, record: record, clock: clock, now: now, on: db)
    }

    /// Copies what lists filter and sort on from the domain episode to its row.
    static func summarize(_ episode: Episode, into record: EpisodeRecord) {
        record.status = episode.status.rawValue
        record.referralDate = episode.referralDate.description
        record.startOfCare = episode.startOfCare?.description
        record.certifiedPeriods = episode.certifiedPeriods
        record.certifiedThrough = episode.certifiedThrough?.description
    }

    static func eventRows(_ events: [EpisodeEvent], episodeID: UUID, from position: Int, by userID: UUID?) -> [EpisodeEventRecord] {
        events.enumerated().map { offset, event in
            let row = EpisodeEventRecord()
            row.$episode.id = episodeID
            row.position = position + offset + 1
            row.kind = event.kind.rawValue
            row.onDate = event.date.description
            row.reason = event.reason.flatMap { $0.isEmpty ? nil : $0 }
            row.$recordedBy.id = userID
            return row
        }
    }
}

/// A refused episode move, shown next to the form field it concerns.
struct EpisodeMoveError: Error {
    var field: String
    var message: String
}
