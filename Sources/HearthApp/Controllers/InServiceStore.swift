import Fluent
import Foundation
import HearthCore
import SQLKit

/// Aides' in-service training as the rule reads it [42 CFR 484.80(d)]: 12 hours in each 12-month period counted from
/// the aide's first visit.
enum InServiceStore {
    /// The rule with the agency's zone, or nil when the supervision file carries none.
    static func clock(_ supervision: AideSupervision?) -> AideInService? {
        guard let supervision, let rule = supervision.rules.inService else { return nil }
        return AideInService(rule: rule, timeZone: supervision.timeZone)
    }

    /// Each aide's periods (oldest first), counted from the day the aide began as Hearth knows it: the earlier of their
    /// first visit and their first in-service training recorded. `aideIDs` limits it; nil means every aide.
    static func periods(aideIDs: [UUID]? = nil, clock: AideInService, now: Date, on db: any Database) async throws -> [UUID: [Obligation]] {
        var starts = try await StaffStore.firstVisits(aideIDs: aideIDs, on: db)
        let taken = try await trainings(aideIDs: aideIDs, on: db)
        for (aide, trainings) in taken { if let first = trainings.map(\.date).min() { starts[aide] = min(starts[aide] ?? first, first) } }
        return starts.reduce(into: [:]) { result, entry in
            result[entry.key] = clock.obligations(aideID: entry.key.uuidString, since: entry.value, trainings: taken[entry.key] ?? [], now: now)
        }
    }

    /// Each aide's trainings: the four columns the rule reads, not whole rows (the compliance page reads every aide's).
    static func trainings(aideIDs: [UUID]?, on db: any Database) async throws -> [UUID: [InServiceTraining]] {
        let sql = try db.sql
        struct Row: Decodable { var id: UUID; var user_id: UUID; var taken_on: String; var minutes: Int; var topic: String }
        var query: SQLQueryString = "SELECT id, user_id, taken_on, minutes, topic FROM \(ident: InServiceTrainingRecord.schema)"
        if let aideIDs {
            guard !aideIDs.isEmpty else { return [:] }
            query.appendInterpolation(unsafeRaw: " WHERE user_id IN (")
            query.appendInterpolation(binds: aideIDs)
            query.appendInterpolation(unsafeRaw: ")")
        }
        return Dictionary(grouping: try await sql.raw(query).all(decoding: Row.self), by: \.user_id).mapValues { rows in
            rows.compactMap { row in
                CalendarDate(row.taken_on).map { InServiceTraining(id: row.id.uuidString, date: $0, minutes: row.minutes, topic: row.topic) }
            }
        }
    }

    /// For the compliance page: each aide's period still owed and ending within `days` days, or the last one ended short;
    /// soonest first, at most `limit`.
    static func attention(within days: Int, limit: Int, clock: AideInService, now: Date, on db: any Database) async throws -> [(User, Obligation)] {
        let today = CalendarDate(now, in: clock.timeZone)
        let owed = try await periods(clock: clock, now: now, on: db).compactMap { id, periods -> (UUID, Obligation)? in
            // The current period, or, when it is not owed soon, the one before it if that ended short.
            let candidates = periods.suffix(2).reversed().filter(\.isOutstanding)
            return candidates.first { today.days(until: $0.window.dueDay) <= days }.map { (id, $0) }
        }.sorted { $0.1.window.dueDay < $1.1.window.dueDay }.prefix(limit)
        guard !owed.isEmpty else { return [] }
        let users = Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ owed.map(\.0)).all().compactMap { u in u.id.map { ($0, u) } })
        return owed.compactMap { id, obligation in users[id].map { ($0, obligation) } }
    }
}
