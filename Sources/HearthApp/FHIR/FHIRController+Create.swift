import Fluent
import Foundation
import HearthCore
import Vapor

/// What a FHIR client may send to create a Patient; every field optional so that gaps get a clear message.
struct FHIRPatientInput: Decodable {
    struct HumanName: Decodable { var family: String?; var given: [String]? }
    struct ContactPoint: Decodable { var system: String?; var value: String? }
    struct Address: Decodable { var line: [String]?; var city: String?; var state: String?; var postalCode: String? }

    var resourceType: String
    var name: [HumanName]?
    var gender: String?
    var birthDate: String?
    var telecom: [ContactPoint]?
    var address: [Address]?

    var draft: PatientDraft {
        let name = self.name?.first
        let address = self.address?.first
        return PatientDraft(
            givenName: name?.given?.first ?? "", familyName: name?.family ?? "", birthDate: birthDate ?? "",
            sex: gender ?? "", phone: telecom?.first { $0.system == "phone" }?.value ?? "",
            addressLine: address?.line?.first ?? "", city: address?.city ?? "", state: address?.state ?? "",
            postalCode: address?.postalCode ?? ""
        )
    }
}

extension FHIRController {
    /// `POST /fhir/Patient`: registers a patient, with the same checks as the web form.
    func createPatient(req: Request) async throws -> Response {
        try await PatientAccess.authorize(.registerPatient, on: req)
        let input = try req.content.decode(FHIRPatientInput.self)
        guard input.resourceType == "Patient" else {
            throw AppError.badRequest("resourceType must be Patient at this address.")
        }
        let draft = input.draft
        let problems = draft.problems(today: req.agencyToday)
        if !problems.isEmpty {
            let fhirNames = ["givenName": "name.given", "familyName": "name.family", "birthDate": "birthDate", "sex": "gender",
                             "phone": "telecom", "state": "address.state", "postalCode": "address.postalCode"]
            let text = problems.sorted { $0.key < $1.key }.map { "\(fhirNames[$0.key] ?? $0.key): \($0.value)" }.joined(separator: " ")
            throw AppError.invalidInput(text)
        }
        let patient = try await PatientRegistration.register(draft, by: try req.currentUser, on: req)
        let response = try Response.fhir(FHIRPatient(patient), status: .created)
        response.headers.replaceOrAdd(name: .location, value: Paths.FHIR.patient(try patient.requireID()))
        return response
    }
}
