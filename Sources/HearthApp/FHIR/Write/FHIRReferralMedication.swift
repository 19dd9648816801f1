import Foundation
import HearthCore

/// One MedicationStatement or MedicationRequest of an incoming list, as a medication to reconcile. Structured dosage
/// is read as the hospital's discharge list is; when only `dosage.text` is sent ("1 tablet by mouth twice daily") the
/// text is read for the dose, route and how often. The RxNorm code is kept.
enum FHIRReferralMedication {
    static func medication(_ node: FHIRNode, start: CalendarDate) throws -> Medication {
        let statement: FHIRMedicationImport.Statement
        do { statement = try JSONDecoder().decode(FHIRMedicationImport.Statement.self, from: JSONEncoder().encode(node.value)) } catch {
            throw node.failure("Hearth reads medicationCodeableConcept and dosage (or dosageInstruction) here; check their shape.")
        }
        let key = node.path.hasPrefix("MedicationRequest") ? "dosageInstruction" : "dosage"
        guard let concept = statement.medicationCodeableConcept, let text = concept.text ?? concept.coding?.first?.display, !text.isEmpty else {
            throw node.failure("Name the medication: medicationCodeableConcept.text or a coding's display.", at: "medicationCodeableConcept")
        }
        guard let dosage = (statement.dosage ?? statement.dosageInstruction)?.first else { throw node.failure("Say how it is taken.", at: key) }
        if dosage.doseAndRate?.first?.doseQuantity != nil {
            switch FHIRMedicationImport.medication(statement, start: start, dosage: dosage) {
            case .success(let medication): return medication
            case .failure(let failure): throw node.failure(failure.description, at: key)
            }
        }
        guard let sig = dosage.text, !sig.isEmpty else {
            throw node.failure("Send the dose (doseAndRate.doseQuantity) with timing and route, or the instructions as text.", at: "\(key)[0]")
        }
        guard let read = read(sig) else {
            throw node.failure("Hearth could not read the dose, route and how often from the text; write it as \"1 tablet by mouth twice a day\".",
                               at: "\(key)[0].text")
        }
        let (name, strength) = IncomingMedicationList.splitStrength(text)
        let rxnorm = concept.coding?.first { $0.system == FHIRMed.rxnorm }?.code
        return Medication(name: name, rxnorm: rxnorm, strength: strength, dose: read.dose, route: read.route, schedule: read.schedule,
                          start: start, administeredBy: .patient)
    }

    /// "1 tablet by mouth twice a day": the first split of the words into a dose, a route and a schedule that all read.
    static func read(_ text: String) -> (dose: MedicationDose, route: MedicationRoute, schedule: MedicationSchedule)? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard words.count >= 3, words.count <= 16 else { return nil }
        for i in 1..<(words.count - 1) {
            guard let dose = MedicationDose.parse(words[..<i].joined(separator: " ")) else { continue }
            for j in (i + 1)..<words.count {
                guard let route = MedicationRoute.parse(words[i..<j].joined(separator: " ")),
                      let schedule = MedicationSchedule.parse(words[j...].joined(separator: " ")) else { continue }
                return (dose, route, schedule)
            }
        }
        return nil
    }
}
