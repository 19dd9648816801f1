import Fluent
import Foundation
import Vapor

/// `_include` and `_revinclude` within the searched patient's record: what they add is that patient's, whom the caller
/// was authorized to read for the search itself, so an include never reveals what a direct read would refuse.
extension FHIRController {
    /// The patient's records of a type an include can reach.
    func patientRecords(_ type: String, of patient: Patient, req: Request) async throws -> [FHIRServed] {
        let zone = req.application.settings.agencyTimeZone
        switch type {
        case "Patient":
            return [try FHIRServed(try await FHIRPatientStore.resource(patient, on: req.db))]
        case "Appointment":
            return try await visits(of: patient, req).map { try FHIRServed(FHIRAppointment($0, zone: zone), lastUpdated: $0.updatedAt) }
        case "Encounter":
            return try await visits(of: patient, req).filter { $0.checkedInAt != nil }.map { try FHIRServed(FHIREncounter($0), lastUpdated: $0.updatedAt) }
        case "Observation":
            return try await visits(of: patient, req).flatMap { visit in try FHIRObservation.of(visit).map { try FHIRServed($0, lastUpdated: visit.updatedAt) } }
                + reportedVitalSigns(of: patient, on: req.db)
        case "Goal":
            return try await carePlans(of: patient, on: req).flatMap { plan in
                try plan.1.goals.map { try FHIRServed(FHIRGoal($0, planID: plan.0.id?.uuidString.lowercased() ?? "", patientID: plan.0.$patient.id), lastUpdated: plan.0.updatedAt) }
            }
        case "ServiceRequest":
            let directory = try await DirectoryStore.current(on: req.db)
            return try await orders(of: patient, on: req.db).map { try FHIRServed(FHIRServiceRequest($0.0, order: $0.1), lastUpdated: $0.0.updatedAt) }
                + referrals(of: patient, on: req.db).map { try FHIRServed(FHIRReferralRequest($0.0, $0.1, directory: directory), lastUpdated: $0.0.updatedAt) }
        case "Task":
            let directory = try await DirectoryStore.current(on: req.db)
            return try await orders(of: patient, on: req.db).map { try FHIRServed(FHIRTask($0.0, order: $0.1), lastUpdated: $0.0.updatedAt) }
                + referrals(of: patient, on: req.db).map { try FHIRServed(FHIRReferralTask($0.0, $0.1, directory: directory), lastUpdated: $0.0.updatedAt) }
        default:
            return try await chartRecords(type, of: patient, req: req)
        }
    }

    /// What `key` ("Observation:encounter") adds to a page: forward, the resources the page's references name;
    /// reverse, the resources of that type that refer to the page.
    func included(_ key: String, reverse: Bool, page: [FHIRServed], patient: Patient, req: Request) async throws -> [FHIRServed] {
        let parts = key.split(separator: ":").map(String.init)
        guard parts.count == 2, let parameter = FHIRSearchTable.type(parts[0])?.parameter(parts[1]) else { return [] }
        func references(_ resource: FHIRServed) -> Set<String> {
            Set(parameter.paths.flatMap { resource.json.values(at: $0) }.compactMap { $0["reference"]?.string?.lowercased() })
        }
        if reverse {
            let targets = Set(page.map { "\($0.type)/\($0.id)".lowercased() })
            return try await patientRecords(parts[0], of: patient, req: req).filter { !references($0).isDisjoint(with: targets) }
        }
        let named = page.reduce(into: Set<String>()) { $0.formUnion(references($1)) }
        var found: [FHIRServed] = []
        for type in Set(named.compactMap { $0.split(separator: "/").first.map(String.init) }).sorted() {
            let canonical = FHIRSearchTable.all.first { $0.type.lowercased() == type }?.type ?? type
            found += try await patientRecords(canonical, of: patient, req: req).filter { named.contains("\($0.type)/\($0.id)".lowercased()) }
        }
        return found
    }
}
