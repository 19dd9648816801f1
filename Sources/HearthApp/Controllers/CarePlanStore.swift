import Fluent
import Foundation
import HearthCore
import Vapor

/// Reading and saving an episode's care plan. Every change is a whole new version; nothing is updated in place.
enum CarePlanStore {
    /// The patient's current episode with its plan, as far as it exists.
    struct Plan: Sendable {
        var episode: EpisodeRecord
        var domain: Episode
        /// The certification period the plan covers today; nil before start of care.
        var period: CertificationPeriod?
        var record: CarePlanRecord?
        var current: CarePlanVersionRecord?
        var content: CarePlanContent
        var details: PlanOfCareFields
        /// Which version the physician signed (in force) and which is a draft.
        var standing = CarePlanStanding(current: 0, orders: [])
        /// The version care follows: visits, aide tasks, the chart and the printable plan read it. The signed version,
        /// or before any signature the latest (then `standing.isSigned` is false and the pages say so).
        var inForce: CarePlanContent
        var inForceDetails: PlanOfCareFields
        var inForceRecord: CarePlanVersionRecord?

        var versionNumber: Int { current?.version ?? 0 }

        /// The plan as care follows it: the signed version's content and CMS-485 boxes (the draft's before any signature).
        var followed: Plan {
            var plan = self
            (plan.content, plan.details, plan.current) = (inForce, inForceDetails, inForceRecord)
            return plan
        }
    }

    /// The plan of the patient's latest episode; nil when there is no episode.
    static func load(patientID: UUID, today: CalendarDate, on db: any Database) async throws -> Plan? {
        guard let episode = try await EpisodeStore.latest(patientID: patientID, on: db) else { return nil }
        let domain = try EpisodeStore.episode(from: try await EpisodeStore.events(of: episode, on: db))
        return try await load(episode: episode, domain: domain, today: today, on: db)
    }

    /// The plan of an episode already loaded (the chart has it, and the patient's orders with their physicians: `orders`).
    static func load(episode: EpisodeRecord, domain: Episode, today: CalendarDate, orders: [PhysicianOrderRecord]? = nil,
                     on db: any Database) async throws -> Plan {
        let record = try await CarePlanRecord.query(on: db).filter(\.$episode.$id == episode.requireID()).first()
        var current: CarePlanVersionRecord?
        if let record {
            current = try await CarePlanVersionRecord.query(on: db).filter(\.$carePlan.$id == record.requireID())
                .filter(\.$version == record.currentVersion).first()
        }
        return try await load(episode: episode, domain: domain, today: today, record: record, current: current, versions: nil, orders: orders, on: db)
    }

    /// The chart's plan from the plan, its current version and its versions' numbers read with the episode's kept records
    /// (`EpisodeRecordsQuery.records(of:carePlan:on:)`), the signed version read only when a newer draft waits; the same `Plan`
    /// as `load(episode:…)`.
    static func loadForChart(episode: EpisodeRecord, domain: Episode, today: CalendarDate, rows: ChartQueries.CarePlanRows,
                             orders: [PhysicianOrderRecord], on db: any Database) async throws -> Plan {
        try await load(episode: episode, domain: domain, today: today, record: rows.plan, current: rows.current, versions: rows.versions,
                              orders: orders, on: db)
    }

    private static func load(episode: EpisodeRecord, domain: Episode, today: CalendarDate, record: CarePlanRecord?, current: CarePlanVersionRecord?,
                             versions: [VersionNumber]?, orders: [PhysicianOrderRecord]?, on db: any Database) async throws -> Plan {
        let (content, details) = try current.map(decode) ?? (CarePlanContent(), PlanOfCareFields())
        var plan = Plan(episode: episode, domain: domain, period: period(of: domain, today: today), record: record,
                        current: current, content: content, details: details, inForce: content, inForceDetails: details, inForceRecord: current)
        guard let record, let current else { return plan }
        plan.standing = CarePlanStanding(current: current.version, orders: try await orderLinks(episodeID: episode.requireID(), plan: record,
                                                                                                 orders: orders, versions: versions, on: db))
        if let signed = plan.standing.inForce?.version, signed != current.version,
           let version = try await CarePlanVersionRecord.query(on: db).filter(\.$carePlan.$id == record.requireID()).filter(\.$version == signed).first() {
            (plan.inForce, plan.inForceDetails) = try decode(version)
            plan.inForceRecord = version
        }
        return plan
    }

    /// A version's id, number and when it was saved: what an order is matched against.
    struct VersionNumber: Sendable, Equatable {
        var id: UUID
        var version: Int
        var createdAt: Date?
    }

    /// The plans of care and interim orders of the episode, each with the version it carries to the physician: the one
    /// linked when it was sent, else (orders from before the link was kept) the newest version saved before it was sent.
    /// `loaded`: the patient's orders with their physicians, when the caller has read them already.
    /// `versions`: the plan's versions' numbers, when the caller has read them already.
    static func orderLinks(episodeID: UUID, plan: CarePlanRecord, orders loaded: [PhysicianOrderRecord]? = nil, versions read: [VersionNumber]? = nil,
                           on db: any Database) async throws -> [CarePlanOrderLink] {
        let kinds: [OrderKind] = [.planOfCareStartOfCare, .planOfCareRecertification, .interim]
        let orders = if let loaded { loaded.filter { $0.$episode.id == episodeID && kinds.map(\.rawValue).contains($0.kind) } }
            else { try await PhysicianOrderRecord.query(on: db).filter(\.$episode.$id == episodeID).filter(\.$kind ~~ kinds.map(\.rawValue)).with(\.$physician).all() }
        guard !orders.isEmpty else { return [] }
        let versions = if let read { read } else {
            try await CarePlanVersionRecord.query(on: db).filter(\.$carePlan.$id == plan.requireID())
                .field(\.$id).field(\.$version).field(\.$createdAt).all()
                .compactMap { row in row.id.map { VersionNumber(id: $0, version: row.version, createdAt: row.createdAt) } }
        }
        let numbers = Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0.version) })
        return orders.compactMap { order in
            guard let kind = OrderKind(rawValue: order.kind), let state = OrderState(rawValue: order.status), let id = order.id else { return nil }
            let sent = order.sentAt ?? order.createdAt ?? .distantPast
            let linked = order.$carePlanVersion.id.flatMap { numbers[$0] }
                ?? versions.filter { ($0.createdAt ?? .distantPast) <= sent }.map(\.version).max() ?? versions.map(\.version).min()
            guard let version = linked else { return nil }
            return CarePlanOrderLink(orderID: id.uuidString, kind: kind, version: version, state: state, physicianName: order.physician.displayName,
                                     sentAt: order.sentAt, signedAt: order.signedAt)
        }
    }

    /// The period the plan covers: the one today falls in, or the last certified one once it has lapsed.
    static func period(of episode: Episode, today: CalendarDate) -> CertificationPeriod? {
        guard let soc = episode.startOfCare, let through = episode.certifiedThrough else { return nil }
        return CertificationClock(startOfCare: soc, certifiedPeriods: episode.certifiedPeriods, certifiedThrough: through, today: today).period
    }

    static func decode(_ version: CarePlanVersionRecord) throws -> (CarePlanContent, PlanOfCareFields) {
        do {
            return (try CarePlanContent(json: Data(version.content.utf8)),
                    try JSONDecoder().decode(PlanOfCareFields.self, from: Data(version.details.utf8)))
        } catch {
            throw AppError.conflict("This care plan version cannot be read. Ask an administrator to check it.")
        }
    }

    static func versions(of plan: Plan, on db: any Database) async throws -> [CarePlanVersionRecord] {
        guard let record = plan.record else { return [] }
        return try await CarePlanVersionRecord.query(on: db).filter(\.$carePlan.$id == record.requireID())
            .with(\.$createdBy).sort(\.$version, .descending).all()
    }

    static func version(_ number: Int, of plan: Plan, on db: any Database) async throws -> CarePlanVersionRecord? {
        guard let record = plan.record else { return nil }
        return try await CarePlanVersionRecord.query(on: db).filter(\.$carePlan.$id == record.requireID())
            .filter(\.$version == number).with(\.$createdBy).first()
    }

    /// What changed from one version to the next, in sentences: the plan's diff, then the CMS-485 fields.
    static func changes(_ diff: CarePlanDiff, details old: PlanOfCareFields, to new: PlanOfCareFields) -> [String] {
        diff.lines + old.changes(to: new)
    }

    /// Saves the new content as the next version, with its history line and audit record, in one transaction.
    /// Refuses (409) when the content did not change or someone else saved a version at the same time.
    @discardableResult
    /// `also` runs in the same transaction with the content's changes and the new version number (an interim order).
    static func save(_ plan: Plan, content: CarePlanContent, details: PlanOfCareFields, action: String,
                     by user: CurrentUser, on req: Request,
                     also: (@Sendable (any Database, [CarePlanDiff.Change], Int) async throws -> Void)? = nil) async throws -> CarePlanVersionRecord {
        let diff = CarePlanDiff(from: plan.content, to: content)
        let lines = changes(diff, details: plan.details, to: details)
        guard !lines.isEmpty else { throw AppError.conflict("Nothing changed, so no new version was saved.") }
        let number = plan.versionNumber + 1
        let patientID = plan.episode.$patient.id
        let record = plan.record ?? CarePlanRecord()
        if record.id == nil {
            record.id = UUID()
            record.$patient.id = patientID
            record.$episode.id = try plan.episode.requireID()
        }
        record.currentVersion = number
        let version = CarePlanVersionRecord()
        version.$carePlan.id = try record.requireID()
        version.version = number
        version.content = String(decoding: try content.jsonData(), as: UTF8.self)
        version.details = String(decoding: try sortedJSON(details), as: UTF8.self)
        version.changeSummary = String(lines.joined(separator: "\n").prefix(4_000))
        version.$createdBy.id = user.id
        do {
            try await req.auditedWrite { db, audit in
                try await record.save(on: db)
                try await version.create(on: db)
                try await RecordChange(patientID: patientID, field: "Care plan", from: number > 1 ? "version \(number - 1)" : nil,
                                       to: "version \(number): " + lines.prefix(3).joined(separator: "; "), by: user.id).create(on: db)
                try await audit(action, patientID: patientID, resourceType: "CarePlan", resourceID: record.id?.uuidString,
                                    detail: "version \(number)")
                try await also?(db, diff.changes, number)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict("Someone else changed this care plan at the same time. Reload it and make your change again.")
        }
        return version
    }

    static func sortedJSON(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    /// Problems suggested by the episode's signed assessments that the plan does not have yet.
    static func suggestedProblems(for plan: Plan, today: CalendarDate, on db: any Database) async throws -> [AssessmentFinding] {
        let signed = try await AssessmentRecord.query(on: db).filter(\.$episode.$id == plan.episode.requireID())
            .filter(\.$status == AssessmentStatus.signed.rawValue).sort(\.$signedAt, .descending).all()
        let onPlan = Set(plan.content.problems.compactMap { problem -> String? in
            if case .finding(let code, _) = problem.source { return code }
            return nil
        })
        var seen = onPlan
        // Open moderate and high home hazards come first: they name what the assessment's home-safety finding only suspects.
        let open = try await HomeSafetyStore.findings(patientIDs: [plan.episode.$patient.id], openOnly: true, on: db).map(\.1)
        let homeSafety = HomeSafetySummary(findings: open, on: today).carePlanProblem.map { suggestion in
            AssessmentFinding(problem: HomeSafetyProblemSuggestion.problemCode, title: HomeSafetyProblemSuggestion.title,
                              reason: "open hazards: " + suggestion.hazards.joined(separator: ", "), instrumentID: "home-safety-checklist")
        }
        return ([homeSafety].compactMap { $0 } + signed.flatMap { record -> [AssessmentFinding] in
            guard let json = record.findings, let findings = try? JSONDecoder().decode([AssessmentFinding].self, from: Data(json.utf8)) else { return [] }
            return findings
        }).filter { seen.insert($0.problem).inserted }
    }

    /// A short id for a new problem, goal or intervention, stable across versions.
    static func newID(_ prefix: String) -> String { prefix + "-" + UUID().uuidString.prefix(8).lowercased() }
}
