import Fluent
import Foundation
import HearthCore
import Vapor

/// Hearth's hash-chained audit trail as FHIR R4 AuditEvent, in the shape of IHE Basic Audit Log Patterns (BALP): the
/// user as the requesting agent, the patient as an entity, the REST interaction as C/R/U/D/E. Only those who keep the
/// audit trail (`viewAuditTrail`, the administrator) read it; anyone else hears 403, so no one learns of other
/// patients' reads through it.
extension FHIRController {
    /// `GET /fhir/AuditEvent/<id>`.
    func readAuditEvent(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.viewAuditTrail, on: req)
        guard let id = req.parameters.get("id", as: UUID.self), let event = try await AuditEvent.find(id, on: req.db) else { throw AppError.notFound() }
        try await req.auditRead("audit.read", resourceType: "AuditEvent", resourceID: id.uuidString, detail: "FHIR")
        return try req.fhirRead(FHIRAuditEventResource(event).json)
    }

    /// `GET /fhir/AuditEvent?patient=&agent=&date=&action=&subtype=`: newest first, paged.
    func searchAuditEvents(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.viewAuditTrail, on: req)
        let query = AuditEvent.query(on: req.db)
        let zone = req.application.settings.agencyTimeZone
        let strict = req.headers[canonicalForm: "Prefer"].contains { $0.lowercased().replacingOccurrences(of: " ", with: "") == "handling=strict" }
        for (name, value) in FHIRSearchRequest.pairs(req.url.query) where !["_count", "_offset", "_format", "_pretty"].contains(name) {
            try FHIRAuditEventResource.filter(query, name: name, value: value, zone: zone, strict: strict)
        }
        let paging = try FHIRPagedBundle(type: "searchset", address: .type(.AuditEvent), req: req, keep: FHIRAuditEventResource.parameters)
        let total = try await query.count()
        let events = try await query.sort(\.$occurredAtMillis, .descending).sort(\.$id, .descending)
            .range(paging.offset..<(paging.offset + paging.count)).all()
        try await req.auditRead("audit.list", detail: "FHIR AuditEvent search, \(events.count) of \(total)")
        return try paging.response(try events.map { try FHIRServed(FHIRAuditEventResource($0).json) }, total: total, req: req)
    }
}

/// One audit record as an AuditEvent (http://hl7.org/fhir/R4/auditevent.html).
struct FHIRAuditEventResource {
    static let parameters = ["_id", "_lastUpdated", "patient", "agent", "date", "action", "subtype", "outcome"]
    /// The REST interaction each of Hearth's action verbs is (http://hl7.org/fhir/R4/valueset-audit-event-action.html).
    static let verbs: [String: [String]] = [
        "C": ["create", "add", "register", "start"],
        "R": ["read", "list", "search", "everything", "export", "download", "print", "board"],
        "U": ["update", "change", "save", "sign", "amend", "reassign", "record"],
        "D": ["delete", "remove", "cancel", "discontinue", "withdraw"],
    ]
    static let outcomes = ["success": "0", "denied": "4", "failure": "8"]

    let json: FHIRJSON

    init(_ event: AuditEvent) throws {
        let id = try event.requireID().uuidString.lowercased()
        let verb = event.action.split(separator: ".").last.map(String.init) ?? ""
        let letter = Self.verbs.first { $0.value.contains(verb) }?.key ?? "E"
        var who: [String: FHIRJSON] = ["display": .string(event.actorName)]
        if let actor = event.actorID { who["identifier"] = .object(["system": .string("urn:hearth:user"), "value": .string(actor.uuidString.lowercased())]) }
        var agent: [String: FHIRJSON] = ["who": .object(who), "requestor": .bool(true)]
        if let address = event.sourceIP { agent["network"] = .object(["address": .string(address), "type": .string("2")]) }
        var entities: [FHIRJSON] = []
        if let patient = event.patientID {
            entities.append(.object(["what": .object(["reference": .string("Patient/\(patient.uuidString.lowercased())")]),
                                     "role": .object(["system": .string("http://terminology.hl7.org/CodeSystem/object-role"), "code": .string("1"), "display": .string("Patient")])]))
        }
        if let type = event.resourceType, let resource = event.resourceID, type != "Patient" {
            entities.append(.object(["what": .object(["identifier": .object(["system": .string("urn:hearth:\(type)"), "value": .string(resource.lowercased())])])]))
        }
        json = .object([
            "resourceType": .string("AuditEvent"), "id": .string(id),
            "type": .object(["system": .string("http://terminology.hl7.org/CodeSystem/audit-event-type"), "code": .string("rest"), "display": .string("RESTful Operation")]),
            "subtype": .array([.object(["system": .string("urn:hearth:audit-action"), "code": .string(event.action)])]),
            "action": .string(letter),
            "recorded": .string(Date(timeIntervalSince1970: Double(event.occurredAtMillis) / 1000).fhirInstant),
            "outcome": .string(Self.outcomes[event.outcome] ?? "8"),
            "agent": .array([.object(agent)]),
            "source": .object(["observer": .object(["display": .string("Hearth")])]),
            "entity": .array(entities),
        ])
    }

    /// Narrows the search by one parameter, in SQL: the audit trail is too long to read whole.
    /// A parameter Hearth does not know is ignored unless the client asked for strict handling.
    static func filter(_ query: QueryBuilder<AuditEvent>, name: String, value: String, zone: TimeZone, strict: Bool) throws {
        let id = UUID(uuidString: String(value.split(separator: "/").last ?? ""))
        switch name {
        case "_id":
            guard let id else { throw AppError.badRequest("_id must be an AuditEvent id.") }
            query.filter(\.$id == id)
        case "patient":
            guard let id else { throw AppError.badRequest("patient must be Patient/<id>.") }
            query.filter(\.$patientID == id)
        case "agent":
            guard let id else { throw AppError.badRequest("agent must be a Hearth user id.") }
            query.filter(\.$actorID == id)
        case "subtype":
            query.filter(\.$action == String(value.split(separator: "|").last ?? ""))
        case "outcome":
            guard let outcome = outcomes.first(where: { $0.value == value })?.key else { throw AppError.badRequest("outcome may be 0, 4 or 8.") }
            query.filter(\.$outcome == outcome)
        case "action":
            guard let words = verbs[value] else { throw AppError.badRequest("action may be C, R, U or D.") }
            query.group(.or) { group in for word in words { group.filter(\.$action ~= "." + word) } }
        case "date", "_lastUpdated":
            guard let (prefix, text) = FHIRDatePrefix.split(value), let range = FHIRDateRange(text, zone: zone) else {
                throw AppError.badRequest("date must be a date or dateTime, optionally after eq, ne, lt, gt, le, ge, sa or eb.")
            }
            filterDate(query, prefix, range)
        default:
            guard strict else { return }
            throw AppError.badRequest("AuditEvent has no search parameter '\(String(name.prefix(40).filter { $0.isLetter || $0 == "-" }))'; it takes \(parameters.joined(separator: ", ")).")
        }
    }

    private static func filterDate(_ query: QueryBuilder<AuditEvent>, _ prefix: FHIRDatePrefix, _ range: FHIRDateRange) {
        let low = Int64((range.low.timeIntervalSince1970 * 1000).rounded())
        let high = Int64((range.high.timeIntervalSince1970 * 1000).rounded())
        switch prefix {
        case .eq: query.filter(\.$occurredAtMillis >= low).filter(\.$occurredAtMillis < high)
        case .ne: query.group(.or) { $0.filter(\.$occurredAtMillis < low).filter(\.$occurredAtMillis >= high) }
        case .gt, .sa: query.filter(\.$occurredAtMillis >= high)
        case .ge: query.filter(\.$occurredAtMillis >= low)
        case .lt, .eb: query.filter(\.$occurredAtMillis < low)
        case .le: query.filter(\.$occurredAtMillis < high)
        }
    }
}
