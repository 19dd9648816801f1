import Fluent
import FluentSQL
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
    static func record(_ order: PhysicianOrder, patientID: UUID, episodeID: UUID?, physicianID: UUID, summary: String,
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

    /// What a change order says: the version it carries and every change since the version the physician has
    /// (what is ordered, goals, the CMS-485 boxes), one line each [42 CFR 484.60(c)(1)].
    static func interimDocument(_ changes: [String], patient: Patient, from old: Int, to new: Int) -> String {
        (["INTERIM ORDER: changes to the plan of care (version \(old) → version \(new))",
          "Patient: \(patient.listName)  MRN: \(patient.mrn)",
          "Until signed, version \(old) stays in force.", ""] + changes).joined(separator: "\n")
    }

    /// The lines a change order carries: from version `old` (what the physician has) to the plan's latest version.
    static func changes(from old: Int, of plan: CarePlanStore.Plan, on db: any Database) async throws -> [String] {
        let before = try await CarePlanStore.version(old, of: plan, on: db).map(CarePlanStore.decode) ?? (CarePlanContent(), PlanOfCareFields())
        return CarePlanStore.changes(CarePlanDiff(from: before.0, to: plan.content), details: before.1, to: plan.details)
    }

    /// Whether the physician has the episode's plan of care (sent or signed): from then on, a change to what is ordered
    /// is an interim order, effective the day it is made.
    static func planOfCareSent(episodeID: UUID, on db: any Database) async throws -> Bool {
        try await PhysicianOrderRecord.query(on: db).filter(\.$episode.$id == episodeID)
            .filter(\.$kind ~~ [OrderKind.planOfCareStartOfCare.rawValue, OrderKind.planOfCareRecertification.rawValue])
            .filter(\.$status ~~ [OrderState.sent.rawValue, OrderState.signed.rawValue]).count() > 0
    }

    /// Recomputes the episode's deadlines after an order was signed (plans of care and verbal orders meet rules).
    static func refreshDeadlines(episodeID: UUID?, clock: RegulatoryClock, now: Date, on db: any Database) async throws {
        guard let episodeID, let episode = try await EpisodeRecord.find(episodeID, on: db) else { return }
        let domain = try EpisodeStore.episode(from: try await EpisodeStore.events(of: episode, on: db))
        try await ObligationStore.refresh(domain, record: episode, clock: clock, now: now, on: db)
    }

    /// The orders the physician returned for a case manager's patients, oldest first (a short list: each is today's work).
    static func returned(caseManagerID: UUID, on db: any Database) async throws -> [PhysicianOrderRecord] {
        try await PhysicianOrderRecord.query(on: db).filter(\.$status == OrderState.rejected.rawValue)
            .join(Patient.self, on: \PhysicianOrderRecord.$patient.$id == \Patient.$id).filter(Patient.self, \.$caseManager.$id == caseManagerID)
            .with(\.$patient).with(\.$physician).sort(\.$updatedAt).limit(20).all()
    }

    /// How many unsigned orders the list shows; the aging counts always cover every unsigned order.
    static let listLimit = 500

    /// Unsigned orders aged by physician, counted over all of them, plus the oldest `listLimit` rows to list.
    static func aging(physicianID: UUID? = nil, caseManagerID: UUID? = nil, today: CalendarDate, zone: TimeZone,
                      on db: any Database) async throws -> (UnsignedOrderAging, [PhysicianOrderRecord]) {
        let query = PhysicianOrderRecord.query(on: db).filter(\.$status !~ OrderState.closed.map(\.rawValue))
            .with(\.$physician).with(\.$patient).sort(\.$sentAt).sort(\.$createdAt)
        if let physicianID { query.filter(\.$physician.$id == physicianID) }
        if let caseManagerID { query.join(Patient.self, on: \PhysicianOrderRecord.$patient.$id == \Patient.$id).filter(Patient.self, \.$caseManager.$id == caseManagerID) }
        let rows = try await query.limit(listLimit).all()
        let items = try await agingItems(physicianID: physicianID, caseManagerID: caseManagerID, zone: zone, on: db)
        return (UnsignedOrderAging(items, today: today), rows)
    }

    /// Every unsigned order as the report counts it: four columns and the physician's name, without Fluent models.
    private static func agingItems(physicianID: UUID?, caseManagerID: UUID?, zone: TimeZone, on db: any Database) async throws -> [UnsignedOrderAging.Item] {
        let sql = try db.sql
        struct Row: Decodable { var id: UUID; var physician_id: UUID; var display_name: String; var status: String; var sent_at: Date? }
        let orders = PhysicianOrderRecord.schema
        let select = sql.select().column(SQLColumn("id", table: orders)).column(SQLColumn("physician_id", table: orders))
            .column(SQLColumn("display_name", table: User.schema)).column(SQLColumn("status", table: orders)).column(SQLColumn("sent_at", table: orders))
            .from(orders).join(User.schema, on: SQLColumn("id", table: User.schema), .equal, SQLColumn("physician_id", table: orders))
            .where(SQLColumn("status", table: orders), .notIn, SQLGroupExpression(OrderState.closed.map { SQLBind($0.rawValue) }))
        if let physicianID { select.where(SQLColumn("physician_id", table: orders), .equal, SQLBind(physicianID)) }
        if let caseManagerID {
            select.join(Patient.schema, on: SQLColumn("id", table: Patient.schema), .equal, SQLColumn("patient_id", table: orders))
                .where(SQLColumn("case_manager_id", table: Patient.schema), .equal, SQLBind(caseManagerID))
        }
        return try await select.all(decoding: Row.self).map { row in
            UnsignedOrderAging.Item(orderID: row.id.uuidString, physicianID: row.physician_id.uuidString, physicianName: row.display_name,
                                    state: OrderState(rawValue: row.status) ?? .sent, agingFrom: row.sent_at.map { CalendarDate($0, in: zone) })
        }
    }
}
