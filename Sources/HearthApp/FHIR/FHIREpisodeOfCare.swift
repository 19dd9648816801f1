import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 EpisodeOfCare for a home health episode.
struct FHIREpisodeOfCare: Content {
    struct Period: Codable { var start: String?; var end: String? }
    struct StatusHistory: Codable { var status: String; var period: Period }
    struct Reference: Codable { var reference: String?; var display: String? }
    struct CodeableConcept: Codable { var text: String }

    var resourceType = Self.resourceType
    var id: String
    var status: String
    var statusHistory: [StatusHistory]
    var type = [CodeableConcept(text: "Home health")]
    var patient: Reference
    var period: Period
    var careManager: Reference?

    /// EpisodeOfCare.status codes (http://hl7.org/fhir/R4/valueset-episode-of-care-status.html).
    static func code(_ status: EpisodeStatus) -> String {
        switch status {
        case .referred: "planned"
        case .active: "active"
        case .transferred: "onhold"
        case .discharged: "finished"
        case .notAdmitted: "cancelled"
        }
    }

    init(record: EpisodeRecord, episode: Episode, careManager: String?) throws {
        id = try record.requireID().uuidString.lowercased()
        status = Self.code(episode.status)
        patient = Reference(reference: "Patient/\(record.$patient.id.uuidString.lowercased())", display: nil)
        let closing = episode.events.last.flatMap { [.discharge, .notAdmitted].contains($0.kind) ? $0.date.description : nil }
        period = Period(start: (episode.startOfCare ?? episode.referralDate).description, end: closing)
        self.careManager = careManager.map { Reference(reference: nil, display: $0) }
        // Each status held from one event to the next.
        var history: [StatusHistory] = []
        var replay = Episode(referralDate: episode.referralDate)
        var since = episode.referralDate
        for event in episode.events.dropFirst() {
            let before = replay.status
            try? replay.apply(event)
            if replay.status != before {
                history.append(StatusHistory(status: Self.code(before), period: Period(start: since.description, end: event.date.description)))
                since = event.date
            }
        }
        statusHistory = history
    }
}

extension FHIRController {
    func readEpisode(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let record = try await EpisodeRecord.find(id, on: req.db) else {
            throw AppError.notFound()
        }
        let patient = try await PatientAccess.authorize(.read, patientID: record.$patient.id, on: req)
        try await req.auditRead("episode.read", patientID: patient.id, resourceType: "EpisodeOfCare", resourceID: id.uuidString, detail: "FHIR")
        return try req.fhirRead(try await resource(record, patient: patient, on: req.db))
    }

    /// `GET /fhir/EpisodeOfCare?patient=<id>`: a patient's episodes, newest first.
    func searchEpisodes(req: Request) async throws -> Response {
        try await searchByPatient(FHIREpisodeOfCare.self, audit: "episode.search", req: req) { patient in
            var resources: [FHIREpisodeOfCare] = []
            for record in try await EpisodeRecord.query(on: req.db).filter(\.$patient.$id == patient.requireID())
                .sort(\.$referralDate, .descending).sort(\.$id).all() {
                resources.append(try await resource(record, patient: patient, on: req.db))
            }
            return resources
        }
    }

    func resource(_ record: EpisodeRecord, patient: Patient, on db: any Database) async throws -> FHIREpisodeOfCare {
        let episode = try EpisodeStore.episode(from: try await EpisodeStore.events(of: record, on: db))
        try await patient.$caseManager.load(on: db)
        return try FHIREpisodeOfCare(record: record, episode: episode, careManager: patient.caseManager?.displayName)
    }
}
