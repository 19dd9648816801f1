import Fluent
import Foundation
import HearthCore
import Vapor

/// A batch of patients' records as FHIR resources, each table read once for the whole batch (`patient_id IN (…)`) rather
/// than once per patient per type: the same resources, in the same order, as `wholeRecord` gives patient by patient.
/// Care plans (and their goals) are still read per patient, once for both types. The resources are then built from the
/// rows on every core, the batch split in consecutive slices and put back in order.
struct FHIRBatchRecords {
    let patients: [Patient]
    let types: [String]
    let since: Date?
    let req: Request

    /// Each type's resources, patient after patient in the batch's order, `_since` applied as `wholeRecord` does.
    func byType() async throws -> [String: [FHIRServed]] {
        guard !patients.isEmpty else { return [:] }
        let ids = try patients.map { try $0.requireID() }
        let wanted = Set(types)
        let db = req.db
        let zone = req.application.settings.agencyTimeZone
        func grouped<Row>(_ rows: [Row], by key: (Row) -> UUID) -> [UUID: [Row]] { Dictionary(grouping: rows, by: key) }
        func needs(_ names: String...) -> Bool { !wanted.isDisjoint(with: names) }

        let contacts = needs("Patient") ? grouped(try await PatientContact.query(on: db).filter(\.$patient.$id ~~ ids)
            .sort(\.$createdAt).sort(\.$id).all(), by: { $0.$patient.id }) : [:]
        let identifiers = needs("Patient") ? grouped(try await PatientIdentifier.query(on: db).filter(\.$patient.$id ~~ ids)
            .sort(\.$position).all(), by: { $0.$patient.id }) : [:]
        let coverages = needs("Coverage") ? grouped(try await Coverage.query(on: db).filter(\.$patient.$id ~~ ids)
            .sort(\.$order).sort(\.$id).all(), by: { $0.$patient.id }) : [:]
        let episodes = needs("EpisodeOfCare") ? try await EpisodeRecord.query(on: db).filter(\.$patient.$id ~~ ids)
            .sort(\.$referralDate, .descending).sort(\.$id).all() : []
        let episodeEvents = episodes.isEmpty ? [:] : grouped(try await EpisodeEventRecord.query(on: db)
            .filter(\.$episode.$id ~~ episodes.map { try $0.requireID() }).sort(\.$position).all(), by: { $0.$episode.id })
        let careTeams = needs("CareTeam") ? grouped(try await CareTeamMember.query(on: db).filter(\.$patient.$id ~~ ids).with(\.$user)
            .sort(\.$createdAt).sort(\.$id).all(), by: { $0.$patient.id }) : [:]
        let managerIDs = Set(patients.compactMap { $0.$caseManager.id })
        let managers = needs("EpisodeOfCare", "CareTeam") && !managerIDs.isEmpty
            ? Dictionary(try await User.query(on: db).filter(\.$id ~~ Array(managerIDs)).all().map { (try $0.requireID(), $0) }, uniquingKeysWith: { a, _ in a })
            : [:]
        let diagnoses = needs("Condition") ? grouped(try await Diagnosis.query(on: db).filter(\.$patient.$id ~~ ids)
            .sort(\.$rank).sort(\.$createdAt).sort(\.$id).all(), by: { $0.$patient.id }) : [:]
        let allergies = needs("AllergyIntolerance") ? grouped(try await Allergy.query(on: db).filter(\.$patient.$id ~~ ids)
            .sort(\.$substance).sort(\.$id).all(), by: { $0.$patient.id }) : [:]
        let medications = needs("MedicationStatement") ? grouped(try await MedicationRecord.query(on: db).filter(\.$patient.$id ~~ ids)
            .sort(\.$name).sort(\.$id).all(), by: { $0.$patient.id }) : [:]
        let administrations = needs("MedicationAdministration") ? grouped(try await MedicationAdministrationRecord.query(on: db)
            .filter(\.$patient.$id ~~ ids).with(\.$medication).with(\.$recordedBy).all(), by: { $0.$patient.id }) : [:]
        let orders = needs("ServiceRequest", "Task") ? grouped(try await PhysicianOrderRecord.query(on: db).filter(\.$patient.$id ~~ ids)
            .sort(\.$createdAt, .descending).sort(\.$id).all(), by: { $0.$patient.id }) : [:]
        let referrals = needs("ServiceRequest", "Task") ? grouped(try await ResourceReferralRecord.query(on: db).filter(\.$patient.$id ~~ ids)
            .with(\.$owner).sort(\.$createdAt, .descending).sort(\.$id).all(), by: { $0.$patient.id }) : [:]
        let directory = needs("ServiceRequest", "Task") ? try await DirectoryStore.current(on: db) : .empty
        let visits = needs("Appointment", "Encounter", "Observation") ? grouped(try await VisitRecord.query(on: db).filter(\.$patient.$id ~~ ids)
            .with(\.$clinician).sort(\.$scheduledOn, .descending).sort(\.$startTime, .descending).sort(\.$id).all(), by: { $0.$patient.id }) : [:]
        let reported = needs("Observation") ? grouped(try await ReportedVitalSign.query(on: db).filter(\.$patient.$id ~~ ids)
            .sort(\.$effectiveAt, .descending).sort(\.$id).all(), by: { $0.$patient.id }) : [:]
        let assessments = needs("QuestionnaireResponse") ? grouped(try await AssessmentRecord.query(on: db).filter(\.$patient.$id ~~ ids)
            .sort(\.$assessedOn, .descending).sort(\.$createdAt, .descending).sort(\.$id).all(), by: { $0.$patient.id }) : [:]
        let communications = needs("Communication") ? grouped(try await CommunicationRecord.query(on: db).filter(\.$patient.$id ~~ ids)
            .with(\.$recordedBy).sort(\.$occurredAt, .descending).sort(\.$id).all(), by: { $0.$patient.id }) : [:]

        let controller = FHIRController()
        var plans: [UUID: [FHIRBatchRows.Plan]] = [:]
        if needs("CarePlan", "Goal") {
            for patient in patients { plans[try patient.requireID()] = try await controller.carePlans(of: patient, on: req) }
        }
        let rows = FHIRBatchRows(types: types, since: since, zone: zone, today: req.agencyToday, instruments: req.application.instruments,
                                 directory: directory, managers: managers, contacts: contacts, identifiers: identifiers, coverages: coverages,
                                 episodes: Dictionary(grouping: episodes, by: { $0.$patient.id }), episodeEvents: episodeEvents, careTeams: careTeams,
                                 diagnoses: diagnoses, allergies: allergies, medications: medications, administrations: administrations,
                                 plans: plans, orders: orders, referrals: referrals, visits: visits, reported: reported, assessments: assessments,
                                 communications: communications)
        let cores = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
        let size = (patients.count + cores - 1) / cores
        let slices = stride(from: 0, to: patients.count, by: size).map { Array(patients[$0..<min($0 + size, patients.count)]) }
        let built = try await withThrowingTaskGroup(of: (Int, [String: [FHIRServed]]).self) { group in
            for (index, slice) in slices.enumerated() { group.addTask { (index, try rows.resources(of: slice)) } }
            var parts: [(Int, [String: [FHIRServed]])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var output: [String: [FHIRServed]] = [:]
        for part in built { for (type, served) in part { output[type, default: []] += served } }
        // A record type the rows do not build yet is read patient by patient, as `$everything` does.
        for type in types where !FHIRBatchRows.built.contains(type) {
            for patient in patients { output[type, default: []] += try await controller.wholeRecord(of: patient, types: [type], since: since, req: req) }
        }
        return output
    }
}

/// A batch's rows, read; builds each patient's resources from them without the database, so slices build at once.
struct FHIRBatchRows: Sendable {
    typealias Plan = (CarePlanRecord, CarePlanContent, CertificationPeriod?, Bool)
    static let built: Set<String> = [
        "Patient", "Coverage", "EpisodeOfCare", "CareTeam", "Condition", "AllergyIntolerance", "MedicationStatement", "MedicationAdministration",
        "CarePlan", "Goal", "ServiceRequest", "Task", "Appointment", "Encounter", "Observation", "QuestionnaireResponse", "Communication",
    ]
    let types: [String]
    let since: Date?
    let zone: TimeZone
    let today: CalendarDate
    let instruments: InstrumentCatalog
    let directory: ResourceDirectory
    let managers: [UUID: User]
    let contacts: [UUID: [PatientContact]]
    let identifiers: [UUID: [PatientIdentifier]]
    let coverages: [UUID: [Coverage]]
    let episodes: [UUID: [EpisodeRecord]]
    let episodeEvents: [UUID: [EpisodeEventRecord]]
    let careTeams: [UUID: [CareTeamMember]]
    let diagnoses: [UUID: [Diagnosis]]
    let allergies: [UUID: [Allergy]]
    let medications: [UUID: [MedicationRecord]]
    let administrations: [UUID: [MedicationAdministrationRecord]]
    let plans: [UUID: [Plan]]
    let orders: [UUID: [PhysicianOrderRecord]]
    let referrals: [UUID: [ResourceReferralRecord]]
    let visits: [UUID: [VisitRecord]]
    let reported: [UUID: [ReportedVitalSign]]
    let assessments: [UUID: [AssessmentRecord]]
    let communications: [UUID: [CommunicationRecord]]

    /// The patients' resources by type, patient after patient, `_since` applied as `wholeRecord` does.
    func resources(of patients: [Patient]) throws -> [String: [FHIRServed]] {
        var output: [String: [FHIRServed]] = [:]
        for patient in patients {
            let id = try patient.requireID()
            let manager = patient.$caseManager.id.flatMap { managers[$0] }
            for type in types {
                var served: [FHIRServed]
                switch type {
                case "Patient":
                    served = [try FHIRServed(try FHIRPatient(patient, contacts: contacts[id] ?? [], identifiers: identifiers[id] ?? []))]
                case "Coverage":
                    served = try (coverages[id] ?? []).map { try FHIRServed(FHIRCoverage($0)) }
                case "EpisodeOfCare":
                    served = try (episodes[id] ?? []).map { record in
                        let episode = try EpisodeStore.episode(from: episodeEvents[try record.requireID()] ?? [])
                        return try FHIRServed(try FHIREpisodeOfCare(record: record, episode: episode, careManager: manager?.displayName))
                    }
                case "CareTeam":
                    served = [try FHIRServed(try FHIRCareTeam(patient: patient, caseManager: manager, team: careTeams[id] ?? []))]
                case "Condition":
                    served = try (diagnoses[id] ?? []).map { try FHIRServed(FHIRCondition($0)) }
                case "AllergyIntolerance":
                    served = try (allergies[id] ?? []).map { try FHIRServed(FHIRAllergyIntolerance($0)) }
                case "MedicationStatement":
                    served = try (medications[id] ?? []).map { try FHIRServed(FHIRMedicationStatement($0, try MedicationStore.decode($0), today: today)) }
                case "MedicationAdministration":
                    served = try FHIRMedicationAdministration.newestFirst(administrations[id] ?? [], zone: zone)
                        .map { try FHIRServed(FHIRMedicationAdministration($0, medication: try MedicationStore.decode($0.medication), zone: zone)) }
                case "CarePlan", "Goal":
                    let current = plans[id] ?? []
                    served = type == "CarePlan"
                        ? try current.map { try FHIRServed(FHIRCarePlan(record: $0.0, content: $0.1, period: $0.2, open: $0.3), lastUpdated: $0.0.updatedAt) }
                        : try current.flatMap { plan in
                            try plan.1.goals.map { try FHIRServed(FHIRGoal($0, planID: plan.0.id?.uuidString.lowercased() ?? "", patientID: plan.0.$patient.id), lastUpdated: plan.0.updatedAt) }
                        }
                case "ServiceRequest":
                    served = try (orders[id] ?? []).map { try FHIRServed(FHIRServiceRequest($0, order: try OrderStore.decode($0)), lastUpdated: $0.updatedAt) }
                        + (referrals[id] ?? []).map { try FHIRServed(FHIRReferralRequest($0, try ResourcesController.decode($0), directory: directory), lastUpdated: $0.updatedAt) }
                case "Task":
                    served = try (orders[id] ?? []).map { try FHIRServed(FHIRTask($0, order: try OrderStore.decode($0)), lastUpdated: $0.updatedAt) }
                        + (referrals[id] ?? []).map { try FHIRServed(FHIRReferralTask($0, try ResourcesController.decode($0), directory: directory), lastUpdated: $0.updatedAt) }
                case "Appointment":
                    served = try (visits[id] ?? []).map { try FHIRServed(FHIRAppointment($0, zone: zone), lastUpdated: $0.updatedAt) }
                case "Encounter":
                    served = try (visits[id] ?? []).filter { $0.checkedInAt != nil }.map { try FHIRServed(FHIREncounter($0), lastUpdated: $0.updatedAt) }
                case "Observation":
                    served = try (visits[id] ?? []).flatMap { visit in try FHIRObservation.of(visit).map { try FHIRServed($0, lastUpdated: visit.updatedAt) } }
                        + (reported[id] ?? []).map { try FHIRServed(FHIRObservation(reported: $0), lastUpdated: $0.updatedAt ?? $0.createdAt) }
                case "QuestionnaireResponse":
                    served = try (assessments[id] ?? []).map {
                        try FHIRServed(FHIRQuestionnaireResponse($0, instrument: AssessmentStore.instrument(of: $0, in: instruments)), lastUpdated: $0.updatedAt)
                    }
                case "Communication":
                    served = try (communications[id] ?? []).map { try FHIRServed(FHIRCommunication($0)) }
                default:
                    continue
                }
                if let since { served = served.filter { $0.lastUpdated.map { $0 >= since } ?? true } }
                output[type, default: []] += served
            }
        }
        return output
    }
}
