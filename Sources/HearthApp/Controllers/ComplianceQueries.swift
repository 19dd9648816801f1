import FluentKit
import Foundation
import HearthCore
import SQLKit
import Vapor

/// The compliance page's reads as hand-written SQL through SQLKit: binds only, the same text on SQLite and PostgreSQL,
/// only the columns a row shows (issue 19: the page decoded whole patients and assessments for a name and a date).
enum ComplianceQueries {
    /// Which outstanding obligations to list.
    struct Filter: Sendable, Equatable {
        /// Due at or before this instant (nil: everything outstanding).
        var dueBy: Date? = nil
        /// Due on or before this agency day: "at least N days overdue".
        var dueOnOrBefore: CalendarDate? = nil
        var ruleID: String? = nil
        /// The patients of these case managers (nil: every patient).
        var caseManagerIDs: [UUID]? = nil
    }

    /// One outstanding obligation with the patient's name and record number and the case manager's name.
    struct Row: Decodable, Sendable, Equatable {
        var patientID: UUID
        var familyName: String
        var givenName: String
        var mrn: String
        var caseManager: String?
        var title: String
        var citation: String
        var opensAt: Date
        var dueAt: Date
        var dueDay: String
        enum CodingKeys: String, CodingKey {
            case patientID = "patient_id", familyName = "family_name", givenName = "given_name", mrn, caseManager = "case_manager"
            case title, citation, opensAt = "opens_at", dueAt = "due_at", dueDay = "due_day"
        }
    }

    /// A page of the outstanding obligations the filter keeps, soonest due first; `limit` rows from `offset`.
    static func obligations(_ filter: Filter, offset: Int, limit: Int, on db: any Database) async throws -> [Row] {
        var query: SQLQueryString = """
            SELECT o.patient_id AS patient_id, p.family_name AS family_name, p.given_name AS given_name, p.mrn AS mrn,
                   u.display_name AS case_manager, o.title AS title, o.citation AS citation, o.opens_at AS opens_at,
                   o.due_at AS due_at, o.due_day AS due_day
            FROM obligations o JOIN patients p ON p.id = o.patient_id LEFT JOIN users u ON u.id = p.case_manager_id
            WHERE o.outstanding = \(bind: true)
            """
        if let dueBy = filter.dueBy {
            query.appendInterpolation(unsafeRaw: " AND o.due_at <= ")
            query.appendInterpolation(bind: dueBy)
        }
        // YYYY-MM-DD sorts as dates do.
        if let day = filter.dueOnOrBefore {
            query.appendInterpolation(unsafeRaw: " AND o.due_day <= ")
            query.appendInterpolation(bind: day.description)
        }
        if let rule = filter.ruleID {
            query.appendInterpolation(unsafeRaw: " AND o.rule_id = ")
            query.appendInterpolation(bind: rule)
        }
        if let managers = filter.caseManagerIDs {
            guard !managers.isEmpty else { return [] }
            query.appendInterpolation(unsafeRaw: " AND p.case_manager_id IN (")
            query.appendInterpolation(binds: managers)
            query.appendInterpolation(unsafeRaw: ")")
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY o.due_at, o.id LIMIT ")
        query.appendInterpolation(bind: limit)
        query.appendInterpolation(unsafeRaw: " OFFSET ")
        query.appendInterpolation(bind: offset)
        return try await sql(db).raw(query).all(decoding: Row.self)
    }

    /// An OASIS transmission CMS rejected whose assessment has not been accepted (or otherwise answered) since.
    struct Rejection: Decodable, Sendable, Equatable {
        var patientID: UUID
        var familyName: String
        var givenName: String
        var kind: String
        var assessedOn: String
        var onDate: String
        var reason: String?
        enum CodingKeys: String, CodingKey {
            case patientID = "patient_id", familyName = "family_name", givenName = "given_name", kind, assessedOn = "assessed_on"
            case onDate = "on_date", reason
        }
    }

    /// Assessments whose latest recorded transmission is a rejection [42 CFR 484.45(a)], of the named case managers'
    /// patients or everyone's (nil): the `limit` oldest rejections first.
    static func rejections(caseManagerIDs: [UUID]?, limit: Int = 25, on db: any Database) async throws -> [Rejection] {
        let rejected = OASISSubmission.Status.rejected.rawValue
        var query: SQLQueryString = """
            SELECT s.patient_id AS patient_id, p.family_name AS family_name, p.given_name AS given_name, a.kind AS kind,
                   a.assessed_on AS assessed_on, s.on_date AS on_date, s.reason AS reason
            FROM oasis_submissions s JOIN patients p ON p.id = s.patient_id JOIN assessments a ON a.id = s.assessment_id
            WHERE s.status = \(bind: rejected)
              AND NOT EXISTS (SELECT 1 FROM oasis_submissions r WHERE r.assessment_id = s.assessment_id AND r.status = \(bind: rejected)
                              AND (r.recorded_at > s.recorded_at OR (r.recorded_at = s.recorded_at AND r.id > s.id)))
              AND NOT EXISTS (SELECT 1 FROM oasis_submissions l WHERE l.assessment_id = s.assessment_id AND l.status <> \(bind: rejected)
                              AND l.recorded_at > s.recorded_at)
            """
        if let managers = caseManagerIDs {
            guard !managers.isEmpty else { return [] }
            query.appendInterpolation(unsafeRaw: " AND p.case_manager_id IN (")
            query.appendInterpolation(binds: managers)
            query.appendInterpolation(unsafeRaw: ")")
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY s.recorded_at, s.id LIMIT ")
        query.appendInterpolation(bind: limit)
        return try await sql(db).raw(query).all(decoding: Rejection.self)
    }

    private static func sql(_ db: any Database) throws -> any SQLDatabase {
        let sql = try db.sql
        return sql
    }
}
