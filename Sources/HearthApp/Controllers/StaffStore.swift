import Fluent
import FluentSQL
import Foundation
import HearthCore

/// Staff profiles and credentials as the scheduling rules read them.
enum StaffStore {
    static func credential(_ row: CredentialRecord) -> Credential? {
        guard let type = CredentialType(rawValue: row.type) else { return nil }
        return Credential(id: row.id?.uuidString ?? "", type: type, state: row.state, number: row.number,
                          issued: row.issuedOn.flatMap(CalendarDate.init), expires: row.expiresOn.flatMap(CalendarDate.init))
    }

    static func workingHours(_ row: StaffProfileRecord?) -> WorkingHours {
        guard let row, let hours = try? JSONDecoder().decode(WorkingHours.self, from: Data(row.workingHours.utf8)) else {
            return .weekdays("08:00", "16:30")
        }
        return hours
    }

    static func encode(_ hours: WorkingHours) throws -> String {
        try StoredJSON.encode(hours)
    }

    /// A staff member as the domain sees them; nil when no discipline is on file yet.
    static func profile(of user: User, on db: any Database) async throws -> StaffProfile? {
        let userID = try user.requireID()
        guard let row = try await StaffProfileRecord.query(on: db).filter(\.$user.$id == userID).first(),
              let discipline = StaffDiscipline(rawValue: row.discipline) else { return nil }
        let credentials = try await CredentialRecord.query(on: db).filter(\.$user.$id == userID).all().compactMap(credential)
        let home = row.homeLatitude.flatMap { lat in row.homeLongitude.flatMap { GeoPoint(latitude: lat, longitude: $0) } }
        return StaffProfile(id: userID.uuidString, name: user.displayName, discipline: discipline, credentials: credentials,
                            homeBase: home, workingHours: workingHours(row))
    }

    /// Where a staff member's day starts, when recorded.
    static func homeBase(of userID: UUID, on db: any Database) async throws -> GeoPoint? {
        guard let row = try await StaffProfileRecord.query(on: db).filter(\.$user.$id == userID).first() else { return nil }
        return row.homeLatitude.flatMap { lat in row.homeLongitude.flatMap { GeoPoint(latitude: lat, longitude: $0) } }
    }

    /// Each aide's yearly on-site observation [42 CFR 484.80(h)(1)(iii)]: the obligation still owed, counted from the
    /// aide's first completed visit, met by a supervisory visit with that aide present. Aides who have made no visit owe
    /// nothing yet. `aideIDs` limits it to some aides (one staff page); nil means every aide. `dueWithin` keeps the
    /// outstanding ones due within that many days (or overdue), and `limit` the soonest of those: only their aides'
    /// names are read (an agency has thousands of aides).
    static func aideObservations(aideIDs: [UUID]? = nil, dueWithin days: Int? = nil, limit: Int? = nil, supervision: AideSupervision?,
                                 now: Date, zone: TimeZone, on db: any Database) async throws -> [(User, Obligation)] {
        guard let supervision else { return [] }
        let firstVisit = try await firstVisits(aideIDs: aideIDs, on: db)
        guard !firstVisit.isEmpty else { return [] }
        let supervisory = try await VisitRecord.query(on: db).filter(\.$kind == VisitKind.aideSupervision.rawValue).filter(\.$status == VisitStatus.completed.rawValue)
            .field(\.$id).field(\.$scheduledOn).field(\.$discipline).field(\.$noteJSON).all()
            .compactMap { visit -> SupervisoryVisit? in
                guard let day = CalendarDate(visit.scheduledOn), let note = try? VisitStore.note(visit), let aide = note.supervisedAideID,
                      let supervisor = Discipline(rawValue: visit.discipline).flatMap(StaffDiscipline.aideSupervisor(visitingFor:)) else { return nil }
                return SupervisoryVisit(id: visit.id?.uuidString ?? "", date: day, supervisor: supervisor, aideID: aide, aidePresent: note.aidePresent)
            }
        let today = CalendarDate(now, in: zone)
        var owed = firstVisit.compactMap { id, start in
            supervision.aideObligations(aideID: id.uuidString, since: start, supervisoryVisits: supervisory, now: now).last.map { (id, $0) }
        }.sorted { $0.1.window.dueDay < $1.1.window.dueDay }
        if let days { owed = owed.filter { _, obligation in obligation.isOutstanding && today.days(until: obligation.window.dueDay) <= days } }
        if let limit { owed = Array(owed.prefix(limit)) }
        let users = Dictionary(uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ owed.map(\.0)).all().compactMap { u in u.id.map { ($0, u) } })
        return owed.compactMap { id, obligation in users[id].map { ($0, obligation) } }
    }

    /// Each aide's first completed visit (the day they began for the agency), asked of the database per aide through the
    /// (clinician, day) index: an agency has hundreds of aides and each of them thousands of visits. Aides without one
    /// are left out. `aideIDs` limits it to some aides; nil means every aide.
    static func firstVisits(aideIDs: [UUID]? = nil, on db: any Database) async throws -> [UUID: CalendarDate] {
        let sql = try db.sql
        struct FirstVisit: Decodable { var user_id: UUID; var first_day: String? }
        var query: SQLQueryString = """
            SELECT user_id, (SELECT min(scheduled_on) FROM visits WHERE visits.clinician_id = staff_profiles.user_id \
            AND visits.status = \(bind: VisitStatus.completed.rawValue)) AS first_day FROM staff_profiles WHERE discipline = \(bind: StaffDiscipline.homeHealthAide.rawValue)
            """
        if let aideIDs {
            guard !aideIDs.isEmpty else { return [:] }
            query.appendInterpolation(unsafeRaw: " AND user_id IN (")
            query.appendInterpolation(binds: aideIDs)
            query.appendInterpolation(unsafeRaw: ")")
        }
        return Dictionary(try await sql.raw(query).all(decoding: FirstVisit.self).compactMap { row in
            row.first_day.flatMap(CalendarDate.init).map { (row.user_id, $0) }
        }, uniquingKeysWith: min)
    }

    /// Credentials that expired or expire within the widest alert band (60 days), soonest first.
    static func expiring(today: CalendarDate, limit: Int = 1000, on db: any Database) async throws -> [(CredentialRecord, Credential)] {
        let horizon = today.adding(days: ExpiryAlert.allCases.map(\.rawValue).max() ?? 60).description
        let near = try await CredentialRecord.query(on: db).filter(\.$expiresOn <= horizon).with(\.$user).sort(\.$expiresOn).limit(limit).all()
            .compactMap { row in credential(row).map { (row, $0) } }
        // A license already renewed (a newer one of the same kind and state is on file) is not flagged.
        let holders = Array(Set(near.map { $0.0.$user.id }))
        guard !holders.isEmpty else { return near }
        let all = Dictionary(grouping: try await CredentialRecord.query(on: db).filter(\.$user.$id ~~ holders).all(), by: \.$user.id)
        return near.filter { row, credential in
            !(all[row.$user.id] ?? []).compactMap(Self.credential).contains { credential.isRenewed(by: $0) }
        }
    }
}

extension CredentialStatus {
    /// "Expires in 12 days", "Expired on 2026-10-31": what the staff pages show.
    var summary: String {
        switch self {
        case .valid(let days?): "Valid, \(days) days left"
        case .valid(nil): "Valid, does not expire"
        case .expiring(let days, _): days == 0 ? "Expires today" : "Expires in \(days) day\(days == 1 ? "" : "s")"
        case .expired(let since): "Expired on \(since)"
        case .notYetValid(let from): "Valid from \(from)"
        }
    }

    /// A CSS flag: ok, due (within 60 or 30 days), overdue (within 7 days, or expired).
    var flag: String {
        switch self {
        case .valid: "ok"
        case .expiring(_, let alert): alert == .sevenDays ? "overdue" : "due"
        case .expired, .notYetValid: "overdue"
        }
    }
}
