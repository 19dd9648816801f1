import Fluent
import Foundation
import Vapor

extension FHIRController {
    /// `GET /fhir/Patient` over the patients the caller may see, every criterion in the database query (the list is long):
    /// `name`, `family`, `given` (`:exact`, `:contains`), `identifier`, `birthdate` and `_lastUpdated` with prefixes,
    /// `gender`, `_id`, `_sort`, paged by `_count` and `_offset` with the total counted.
    func searchPatients(req: Request) async throws -> Response {
        let search = try FHIRSearchRequest("Patient", req)
        let query = try await PatientAccess.visiblePatients(for: try req.currentUser, on: req.db)
        for criterion in search.criteria {
            try await FHIRPatientQuery.apply(criterion, to: query, zone: search.zone, on: req.db)
        }
        let total = try await query.copy().count()
        for (parameter, descending) in search.sort { FHIRPatientQuery.sort(query, by: parameter.name, descending: descending) }
        let patients = search.totalOnly ? [] : try await query.sort(\.$familyName).sort(\.$id).range(search.offset..<(search.offset + search.count)).all()
        try await req.auditRead("patient.search", detail: "FHIR, \(patients.count) results")
        let ids = try patients.map { try $0.requireID() }
        let contacts = Dictionary(grouping: try await PatientContact.query(on: req.db).filter(\.$patient.$id ~~ ids).sort(\.$createdAt).all(), by: \.$patient.id)
        let identifiers = Dictionary(grouping: try await PatientIdentifier.query(on: req.db).filter(\.$patient.$id ~~ ids).sort(\.$position).all(), by: \.$patient.id)
        let page = try patients.map { patient in
            let id = try patient.requireID()
            return try FHIRServed(try FHIRPatient(patient, contacts: contacts[id] ?? [], identifiers: identifiers[id] ?? []))
        }
        return try search.bundle(page: page, total: total, req: req)
    }
}

/// Patient search criteria as SQL (through Fluent); several values of one parameter are alternatives.
enum FHIRPatientQuery {
    static func apply(_ criterion: FHIRCriterion, to query: QueryBuilder<Patient>, zone: TimeZone, on db: any Database) async throws {
        switch criterion.parameter.name {
        case "identifier":
            var ids: Set<UUID> = []
            for value in criterion.values {
                let criterion = try FHIRPatientStore.identifierCriterion("identifier=" + value, at: "identifier")
                ids.formUnion(try await FHIRPatientStore.matches(criterion, on: db).compactMap(\.id))
            }
            query.filter(\.$id ~~ (ids.isEmpty ? [UUID()] : Array(ids)))
        case "_id":
            let ids = criterion.values.compactMap(UUID.init(uuidString:))
            query.filter(\.$id ~~ (ids.isEmpty ? [UUID()] : ids))
        case "gender":
            let codes = criterion.values.map { String($0.split(separator: "|", omittingEmptySubsequences: false).last ?? "") }
            query.filter(\.$sex ~~ codes)
        case "birthdate", "_lastUpdated":
            query.group(.or) { either in
                for value in criterion.values {
                    guard let (prefix, text) = FHIRDatePrefix.split(value), let range = FHIRDateRange(text, zone: zone) else { continue }
                    either.group(.and) { criterion.parameter.name == "birthdate" ? birthDate($0, prefix, range, zone) : lastUpdated($0, prefix, range) }
                }
            }
        default:
            let value = criterion.values
            query.group(.or) { either in
                for text in value { name(either, criterion.parameter.name, text, criterion.modifier) }
            }
        }
    }

    /// `name` matches the family or a given name; `family` and `given` their own.
    private static func name(_ query: QueryBuilder<Patient>, _ parameter: String, _ text: String, _ modifier: String?) {
        let fields: [(key: KeyPath<Patient, FieldProperty<Patient, String>>, exact: KeyPath<Patient, FieldProperty<Patient, String>>)] = switch parameter {
        case "family": [(\.$familyKey, \.$familyName)]
        case "given": [(\.$givenKey, \.$givenName)]
        default: [(\.$familyKey, \.$familyName), (\.$givenKey, \.$givenName)]
        }
        for field in fields {
            query.group(.and) { one in
                switch modifier {
                case "exact": one.filter(field.exact == text)
                case "contains": one.filter(field.key ~~ text.lowercased())
                default: one.startsWith(field.key, text.lowercased())
                }
            }
        }
    }

    /// A birth date is a whole day (YYYY-MM-DD, compared as text) matched by R4's prefix rules against the searched span.
    private static func birthDate(_ query: QueryBuilder<Patient>, _ prefix: FHIRDatePrefix, _ search: FHIRDateRange, _ zone: TimeZone) {
        let firstWhole = day(search.low, zone, roundUp: true), lowDay = day(search.low, zone, roundUp: false)
        let endDay = day(search.high, zone, roundUp: false), afterEnd = day(search.high, zone, roundUp: true)
        switch prefix {
        case .eq: query.filter(\.$birthDate >= firstWhole).filter(\.$birthDate < endDay)
        case .ne: query.group(.or) { $0.filter(\.$birthDate < firstWhole).filter(\.$birthDate >= endDay) }
        case .gt: query.filter(\.$birthDate >= endDay)
        case .lt: query.filter(\.$birthDate < firstWhole)
        case .ge: query.filter(\.$birthDate >= firstWhole)
        case .le: query.filter(\.$birthDate < endDay)
        case .sa: query.filter(\.$birthDate >= afterEnd)
        case .eb: query.filter(\.$birthDate < lowDay)
        }
    }

    /// The agency day holding `date`, or with `roundUp` the first day starting at or after it.
    private static func day(_ date: Date, _ zone: TimeZone, roundUp: Bool) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = calendar.startOfDay(for: date)
        let chosen = roundUp && start < date ? calendar.date(byAdding: .day, value: 1, to: start) ?? start : start
        let parts = calendar.dateComponents([.year, .month, .day], from: chosen)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The last change is an instant: R4's prefixes against the searched span.
    private static func lastUpdated(_ query: QueryBuilder<Patient>, _ prefix: FHIRDatePrefix, _ search: FHIRDateRange) {
        switch prefix {
        case .eq: query.filter(\.$updatedAt >= search.low).filter(\.$updatedAt < search.high)
        case .ne: query.group(.or) { $0.filter(\.$updatedAt < search.low).filter(\.$updatedAt >= search.high) }
        case .gt, .sa: query.filter(\.$updatedAt >= search.high)
        case .lt, .eb: query.filter(\.$updatedAt < search.low)
        case .ge: query.filter(\.$updatedAt >= search.low)
        case .le: query.filter(\.$updatedAt < search.high)
        }
    }

    /// `_sort` keys from the table's allow-list.
    static func sort(_ query: QueryBuilder<Patient>, by name: String, descending: Bool) {
        let direction: DatabaseQuery.Sort.Direction = descending ? .descending : .ascending
        switch name {
        case "family": query.sort(\.$familyKey, direction)
        case "given": query.sort(\.$givenKey, direction)
        case "birthdate": query.sort(\.$birthDate, direction)
        case "_lastUpdated": query.sort(\.$updatedAt, direction)
        default: query.sort(\.$id, direction)
        }
    }
}
