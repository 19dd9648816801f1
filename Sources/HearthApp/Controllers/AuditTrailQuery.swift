import Fluent
import Foundation
import HearthCore
import Vapor

/// The audit trail's filters as typed, checked, and applied as one query (page and CSV export alike)
/// [45 CFR 164.312(b); 164.308(a)(1)(ii)(D) information system activity review].
struct AuditTrailFilter: Sendable {
    var from = ""
    var to = ""
    var patient = ""
    var user = ""
    var action = ""
    var outcome = ""
    /// Messages by field; they never repeat what was typed (a patient's name is PHI).
    var errors: [String: String] = [:]

    /// The instants the dates bound, in milliseconds: from the start of `from` to the end of `to`, agency days.
    private(set) var fromMillis: Int64?
    private(set) var toMillis: Int64?
    /// Patients matching the patient filter; nil when there is none.
    private(set) var patientIDs: [UUID]?

    static let outcomes = ["success", "failure", "denied"]
    static let maxPatients = 200

    init(query: any URLQueryContainer, timeZone: TimeZone) {
        func text(_ name: String) -> String { (query[String.self, at: name] ?? "").trimmingCharacters(in: .whitespaces) }
        from = text("from"); to = text("to"); patient = text("patient")
        user = text("user").lowercased(); action = text("action"); outcome = text("outcome")
        if user.isEmpty { user = text("actor").lowercased() } // the old parameter name, in bookmarked links
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func day(_ value: String, field: String) -> Date? {
            guard !value.isEmpty else { return nil }
            guard let date = Self.dayFormatter(timeZone).date(from: value), (1900...2200).contains(calendar.component(.year, from: date)) else {
                errors[field] = "Enter a date as YYYY-MM-DD, e.g. 2026-12-01."
                return nil
            }
            return calendar.startOfDay(for: date)
        }
        if let start = day(from, field: "from") { fromMillis = Int64(start.timeIntervalSince1970 * 1000) }
        if let end = day(to, field: "to"), let next = calendar.date(byAdding: .day, value: 1, to: end) {
            toMillis = Int64(next.timeIntervalSince1970 * 1000)
        }
        if let fromMillis, let toMillis, toMillis <= fromMillis { errors["to"] = "The end date is before the start date. Swap them." }
        if !outcome.isEmpty, !Self.outcomes.contains(outcome) { outcome = "" }
    }

    static func dayFormatter(_ timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.isLenient = false
        return formatter
    }

    /// Finds the patients the patient filter means: an MRN exactly, or a family or given name that starts so.
    mutating func resolvePatients(on db: any Database) async throws {
        guard !patient.isEmpty else { return }
        let key = patient.lowercased()
        let words = key.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        let found = try await Patient.query(on: db).group(.or) { group in
            group.filter(\.$mrn == patient.uppercased())
            group.filter(\.$mrn == patient)
            if let first = words.first {
                group.filter(\.$familyKey =~ first)
                if words.count == 1 { group.filter(\.$givenKey =~ first) }
            }
        }.limit(Self.maxPatients).all()
        // "Abernathy, Dorothy" or "Dorothy Abernathy": every word must start the family or given name.
        let matching = found.filter { p in words.allSatisfy { p.familyKey.hasPrefix($0) || p.givenKey.hasPrefix($0) } || p.mrn.lowercased() == key }
        patientIDs = try matching.map { try $0.requireID() }
        if matching.isEmpty { errors["patient"] = "No patient has that MRN or name. Check the spelling, or search by MRN." }
    }

    /// The filters on a query of the trail.
    func apply(to query: QueryBuilder<AuditEvent>) {
        if !user.isEmpty { query.filter(\.$actorName == user) }
        if !action.isEmpty { query.filter(\.$action =~ action) }
        if !outcome.isEmpty { query.filter(\.$outcome == outcome) }
        if let fromMillis { query.filter(\.$occurredAtMillis >= fromMillis) }
        if let toMillis { query.filter(\.$occurredAtMillis < toMillis) }
        if let patientIDs { query.filter(\.$patientID ~~ patientIDs) }
    }

    var queryItems: [URLQueryItem] {
        [("from", from), ("to", to), ("patient", patient), ("user", user), ("action", action), ("outcome", outcome)]
            .filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
    }

    /// What the filters were, for the export's own audit record (no patient name: the matched ids say who).
    var summary: String {
        var parts = [("from", from), ("to", to), ("user", user), ("action", action), ("outcome", outcome)].filter { !$0.1.isEmpty }.map { "\($0.0)=\($0.1)" }
        if let patientIDs { parts.append("patients=\(patientIDs.count)") }
        return parts.isEmpty ? "no filters" : parts.joined(separator: " ")
    }
}

/// Names and MRNs of the patients on a page of the trail, and usernames of the users acted on, read once for the page.
struct AuditPatientNames: Sendable {
    private var names: [UUID: (name: String, mrn: String)] = [:]
    private var usernames: [String: String] = [:]

    init(for events: [AuditEvent], on db: any Database) async throws {
        let userIDs = Set(events.filter { $0.resourceType == "User" }.compactMap { $0.resourceID.flatMap(UUID.init(uuidString:)) })
        if !userIDs.isEmpty {
            for user in try await User.query(on: db).filter(\.$id ~~ Array(userIDs)).field(\.$id).field(\.$username).all() {
                usernames[try user.requireID().uuidString] = user.username
            }
        }
        let ids = Array(Set(events.compactMap(\.patientID)))
        guard !ids.isEmpty else { return }
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let patients = try await Patient.query(on: db).filter(\.$id ~~ chunk)
                .field(\.$id).field(\.$mrn).field(\.$familyName).field(\.$givenName).all()
            for patient in patients { names[try patient.requireID()] = (patient.listName, patient.mrn) }
        }
    }

    /// "User nurse1" rather than the user's id; other records as stored.
    func record(_ event: AuditEvent) -> String? {
        guard let type = event.resourceType else { return nil }
        if type == "User", let id = event.resourceID, let name = usernames[id.uppercased()] { return "User \(name)" }
        return "\(type) \(event.resourceID ?? "")"
    }

    /// "Abernathy, Dorothy (MRN 000001)"; a patient no longer on file is named as such, never by a bare id.
    func label(_ id: UUID?) -> (name: String, mrn: String)? {
        guard let id else { return nil }
        return names[id] ?? ("(patient not on file)", "")
    }
}
