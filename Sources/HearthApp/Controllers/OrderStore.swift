import Fluent
import Foundation
import HearthCore
import Vapor

/// Storing physician orders: the domain order as JSON plus the columns lists sort and filter on.
enum OrderStore {
    static func decode(_ record: PhysicianOrderRecord) throws -> PhysicianOrder {
        do { return try JSONDecoder().decode(PhysicianOrder.self, from: Data(record.orderJSON.utf8)) } catch {
            throw AppError.conflict("This order cannot be read or its signature does not match its text. Ask an administrator to check it.")
        }
    }

    /// Copies the order into its row: JSON, state and the dates lists use.
    static func store(_ order: PhysicianOrder, in record: PhysicianOrderRecord) throws {
        record.orderJSON = String(decoding: try CarePlanStore.sortedJSON(order), as: UTF8.self)
        record.status = order.state.rawValue
        record.kind = order.kind.rawValue
        record.sentAt = order.sentAt
        record.signedAt = order.signature?.signedAt
    }

    static func physician(_ user: User) throws -> OrderPhysician {
        OrderPhysician(id: try user.requireID().uuidString.lowercased(), name: user.displayName)
    }

    /// A new row for an order of this patient's episode.
    static func record(_ order: PhysicianOrder, patientID: UUID, episodeID: UUID, physicianID: UUID, summary: String,
                       periodNumber: Int? = nil, versionID: UUID? = nil, by userID: UUID) throws -> PhysicianOrderRecord {
        let record = PhysicianOrderRecord()
        record.id = UUID(uuidString: order.id)
        record.$patient.id = patientID
        record.$episode.id = episodeID
        record.$physician.id = physicianID
        record.summary = String(summary.prefix(200))
        record.periodNumber = periodNumber
        record.$carePlanVersion.id = versionID
        record.$createdBy.id = userID
        try store(order, in: record)
        return record
    }

    static func ofEpisode(_ episodeID: UUID, on db: any Database) async throws -> [PhysicianOrderRecord] {
        try await PhysicianOrderRecord.query(on: db).filter(\.$episode.$id == episodeID).with(\.$physician).sort(\.$createdAt, .descending).all()
    }

    /// The interim order a change to the plan's interventions needs once a plan of care went to the physician:
    /// the changed lines are what the physician signs [42 CFR 484.60(c)(1)].
    static func interimOrder(for lines: [String], plan: CarePlanStore.Plan, patient: Patient, version: Int,
                             by user: CurrentUser, on db: any Database) async throws -> PhysicianOrderRecord? {
        let changes = lines.filter { $0.hasPrefix("Intervention") || $0.hasPrefix("Frequency") }
        guard !changes.isEmpty, let episodeID = plan.episode.id else { return nil }
        let planSent = try await PhysicianOrderRecord.query(on: db).filter(\.$episode.$id == episodeID)
            .filter(\.$kind ~~ [OrderKind.planOfCareStartOfCare.rawValue, OrderKind.planOfCareRecertification.rawValue])
            .filter(\.$status ~~ [OrderState.sent.rawValue, OrderState.signed.rawValue]).count() > 0
        guard planSent, let physician = try await patient.$physician.get(on: db) else { return nil }
        let document = (["INTERIM ORDER: changes to the plan of care (version \(version))",
                         "Patient: \(patient.familyName), \(patient.givenName)  MRN: \(patient.mrn)", ""] + changes).joined(separator: "\n")
        var order = try PhysicianOrder(id: UUID().uuidString, kind: .interim, physician: try Self.physician(physician), document: document)
        try order.send(at: Date())
        return try record(order, patientID: try patient.requireID(), episodeID: episodeID, physicianID: try physician.requireID(),
                          summary: "Interim: " + changes.joined(separator: "; "), periodNumber: plan.period?.number, by: user.id)
    }

    /// Recomputes the episode's deadlines after an order was signed (plans of care and verbal orders meet rules).
    static func refreshDeadlines(episodeID: UUID?, clock: RegulatoryClock, on db: any Database) async throws {
        guard let episodeID, let episode = try await EpisodeRecord.find(episodeID, on: db) else { return }
        let domain = try EpisodeStore.episode(from: try await EpisodeStore.events(of: episode, on: db))
        try await ObligationStore.refresh(domain, record: episode, clock: clock, on: db)
    }

    /// Unsigned orders aged by physician; `patientIDs` nil means the whole agency.
    static func aging(physicianID: UUID? = nil, caseManagerID: UUID? = nil, today: CalendarDate, zone: TimeZone,
                      on db: any Database) async throws -> (UnsignedOrderAging, [PhysicianOrderRecord]) {
        let query = PhysicianOrderRecord.query(on: db).filter(\.$status != OrderState.signed.rawValue)
            .with(\.$physician).with(\.$patient).sort(\.$sentAt).sort(\.$createdAt)
        if let physicianID { query.filter(\.$physician.$id == physicianID) }
        if let caseManagerID { query.join(Patient.self, on: \PhysicianOrderRecord.$patient.$id == \Patient.$id).filter(Patient.self, \.$caseManager.$id == caseManagerID) }
        let rows = try await query.limit(2_000).all()
        let items = try rows.map { row in
            UnsignedOrderAging.Item(orderID: try row.requireID().uuidString, physicianID: row.$physician.id.uuidString,
                                    physicianName: row.physician.displayName, state: OrderState(rawValue: row.status) ?? .sent,
                                    agingFrom: row.sentAt.map { CalendarDate($0, in: zone) })
        }
        return (UnsignedOrderAging(items, today: today), rows)
    }
}
