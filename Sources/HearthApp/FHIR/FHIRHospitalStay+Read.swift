import Fluent
import Foundation
import HearthCore
import Vapor

/// Reading hospital stays as FHIR: each read asks the stay policy (`HospitalStore.authorize`, which audits a refusal and
/// answers 404), each search covers only the stays the user may read (`HospitalStore.readableStays`), and every read is
/// audited.
extension FHIRController {
    /// `GET /fhir/Encounter/stay-<id>`.
    func readStayEncounter(_ id: String, req: Request) async throws -> Response {
        let stay = try await HospitalStore.authorize(.read, stayID: FHIRStay.rowID(id, prefix: "stay"), on: req)
        try await req.auditRead("hospital_stay.read", patientID: stay.row.$patient.id, resourceType: "Encounter", resourceID: stay.row.id?.uuidString, detail: "FHIR")
        let hospital = try await Organization.find(stay.row.unit.$hospital.id, on: req.db)
        return try req.fhirRead(FHIRStayEncounter(stay, hospitalName: hospital?.name), lastUpdated: stay.row.updatedAt)
    }

    /// `GET /fhir/Communication/payer-<id>`.
    func readPayerCommunication(_ id: String, req: Request) async throws -> Response {
        guard let rowID = FHIRStay.rowID(id, prefix: "payer"), let row = try await PayerCommunication.find(rowID, on: req.db) else { throw AppError.notFound() }
        let stay = try await HospitalStore.authorize(.read, stayID: row.$stay.id, on: req)
        try await req.auditRead("payer_communication.read", patientID: stay.row.$patient.id, resourceType: "Communication", resourceID: rowID.uuidString, detail: "FHIR")
        return try req.fhirRead(FHIRPayerCommunication(row, stay: stay.row))
    }

    /// `GET /fhir/DocumentReference/notice-<id>`.
    func readDocumentReference(req: Request) async throws -> Response {
        guard let rowID = FHIRStay.rowID(req.parameters.get("id"), prefix: "notice"), let row = try await HospitalNotice.find(rowID, on: req.db) else {
            throw AppError.notFound()
        }
        let stay = try await HospitalStore.authorize(.read, stayID: row.$stay.id, on: req)
        try await req.auditRead("hospital_notice.read", patientID: stay.row.$patient.id, resourceType: "DocumentReference", resourceID: rowID.uuidString, detail: "FHIR")
        return try req.fhirRead(FHIRNoticeDocument(row, stay: stay.row))
    }

    /// `GET /fhir/Encounter?…` by hospital staff: the stays she may read, newest arrival first.
    func searchStayEncounters(req: Request) async throws -> Response {
        try await searchStays("Encounter", audit: "hospital_stay.search", req: req) { stays in
            let hospitalIDs = Set(stays.map { $0.row.unit.$hospital.id })
            var hospitals: [Organization] = []
            if !hospitalIDs.isEmpty { hospitals = try await Organization.query(on: req.db).filter(\.$id ~~ Array(hospitalIDs)).all() }
            let names = Dictionary(hospitals.compactMap { hospital in hospital.id.map { ($0, hospital.name) } }, uniquingKeysWith: { first, _ in first })
            return try stays.map { stay in
                try FHIRServed(FHIRStayEncounter(stay, hospitalName: names[stay.row.unit.$hospital.id]), lastUpdated: stay.row.updatedAt)
            }
        }
    }

    /// `GET /fhir/Communication?…` by hospital staff: the payer communications of the stays she may read, newest first.
    func searchPayerCommunications(req: Request) async throws -> Response {
        try await searchStays("Communication", audit: "payer_communication.search", req: req) { stays in
            let byID = Dictionary(stays.compactMap { stay in stay.row.id.map { ($0, stay.row) } }, uniquingKeysWith: { first, _ in first })
            guard !byID.isEmpty else { return [] }
            return try await PayerCommunication.query(on: req.db).filter(\.$stay.$id ~~ Array(byID.keys))
                .sort(\.$communicatedAt, .descending).sort(\.$id).all()
                .compactMap { row in try byID[row.$stay.id].map { try FHIRServed(FHIRPayerCommunication(row, stay: $0)) } }
        }
    }

    /// `GET /fhir/DocumentReference?…`: the notices of the stays the user may read, newest first (none to agency staff).
    func searchDocumentReferences(req: Request) async throws -> Response {
        try await searchStays("DocumentReference", audit: "hospital_notice.search", req: req) { stays in
            try stays.flatMap { stay in try stay.notices.map { try FHIRServed(FHIRNoticeDocument($0, stay: stay.row)) } }
                .sorted { ($0.json["date"]?.string ?? "") > ($1.json["date"]?.string ?? "") }
        }
    }

    /// One search over the stays the user may read, narrowed in SQL by `encounter=Encounter/stay-<id>` (or the Encounter's
    /// own `_id`), then matched on the table's parameters and paged like every search; audited as one read.
    private func searchStays(_ type: String, audit action: String, req: Request,
                             resources: ([HospitalStore.LoadedStay]) async throws -> [FHIRServed]) async throws -> Response {
        let search = try FHIRSearchRequest(type, req)
        let named = (type == "Encounter" ? search.criterion("_id") : search.criterion("encounter"))?.values
        let ids = named.map { values in values.compactMap { FHIRStay.rowID(String($0.split(separator: "/").last ?? ""), prefix: "stay") } }
        let stays = try await HospitalStore.readableStays(req, ids: ids)
        let (response, page, _) = try await search.answer(try await resources(stays), req: req)
        try await req.auditRead(action, resourceType: type, detail: "FHIR, \(page.count) results")
        // A referred patient's stays are in the agency's chart's audit trail too.
        let referred = Set(page.compactMap { $0.json["subject"]?["reference"]?.string.flatMap { UUID(uuidString: String($0.dropFirst("Patient/".count))) } })
        for patientID in referred.sorted(by: { $0.uuidString < $1.uuidString }) {
            try await req.auditRead(action, patientID: patientID, resourceType: type, detail: "FHIR, in a search of \(page.count) results")
        }
        return response
    }
}

extension HospitalStore {
    /// The stays the user may read (`AccessPolicy.decideStay`), newest arrival first: a hospital case manager's units',
    /// a UR nurse's reviewed hospitals', a physician advisor's committee hospitals'. `ids` narrows to those stays.
    static func readableStays(_ req: Request, ids: [UUID]? = nil, limit: Int = 2_000) async throws -> [LoadedStay] {
        let user = try req.currentUser
        guard ids?.isEmpty != true else { return [] }
        let scope = try await StayScope.of(user, on: req.db)
        let unitIDs = try await scope.unitIDs(on: req.db)
        guard !unitIDs.isEmpty else { return [] }
        var query = HospitalStay.query(on: req.db).filter(\.$unit.$id ~~ Array(unitIDs)).with(\.$unit)
        if let ids { query = query.filter(\.$id ~~ ids) }
        let rows = try await query.sort(\.$arrivedAt, .descending).sort(\.$id).limit(limit).all().filter { scope.decide($0, .read).isAllowed }
        return try await load(rows, on: req.db)
    }
}
