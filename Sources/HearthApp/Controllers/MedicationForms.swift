import Foundation
import HearthCore
import Vapor

/// The medication form as posted, and its fields drawn again with what was typed and the errors beside them.
struct MedicationForm: Content {
    var name: String?
    var rxnorm: String?
    var strength: String?
    var doseAmount: String?
    var doseUnit: String?
    var route: String?
    var timesPerDay: String?
    var times: String?
    var asNeeded: String?
    var indication: String?
    var maxPerDay: String?
    var start: String?
    var stop: String?
    var prescriber: String?
    var pharmacy: String?
    var administeredBy: String?
    var notes: String?
    var daysSupply: String?
    var lastFilled: String?
    /// Why to save despite an allergy or duplicate-therapy warning; posted only once the warning was shown.
    var overrideReason: String?

    var draft: MedicationDraft {
        MedicationDraft(name: name ?? "", rxnorm: rxnorm ?? "", strength: strength ?? "", doseAmount: doseAmount ?? "", doseUnit: doseUnit ?? "",
                        route: route ?? "", timesPerDay: timesPerDay ?? "", times: times ?? "", asNeeded: asNeeded.isTicked,
                        indication: indication ?? "", maxPerDay: maxPerDay ?? "", start: start ?? "", stop: stop ?? "",
                        prescriber: prescriber ?? "", pharmacy: pharmacy ?? "", administeredBy: administeredBy ?? "", notes: notes ?? "",
                        daysSupply: daysSupply ?? "", lastFilled: lastFilled ?? "")
    }

    /// The form filled from a saved medication, for the edit page.
    init(_ m: Medication) {
        name = m.name
        rxnorm = m.rxnorm
        strength = m.strength
        doseAmount = MedicationDose.text(m.dose.amount)
        doseUnit = m.dose.unit.rawValue
        route = m.route.rawValue
        timesPerDay = m.schedule.timesPerDay.map(String.init)
        times = m.schedule.times.map(\.description).joined(separator: ", ")
        asNeeded = m.schedule.asNeeded ? "yes" : nil
        indication = m.schedule.indication
        maxPerDay = m.schedule.maxDosesPerDay.map(String.init)
        start = m.start.description
        stop = m.stop?.description
        prescriber = m.prescriber
        pharmacy = m.pharmacy
        administeredBy = m.administeredBy.rawValue
        notes = m.notes
        daysSupply = m.supply.map { String($0.daysSupply) }
        lastFilled = m.supply?.lastFilled.description
    }

    init() {}

    /// The fields in the order a nurse reads a bottle: what, how much, how, when, who, supply.
    func fields(_ problems: [String: String], prefix: String = "med-") -> [InputField] {
        [
            .text("name", "Medication", name, problems, prefix: prefix, hint: "Generic or brand name, e.g. Furosemide", wide: true),
            .text("strength", "Strength", strength, problems, prefix: prefix, hint: "As on the label, e.g. 40 mg tablet"),
            .text("doseAmount", "Dose", doseAmount, problems, prefix: prefix, hint: "How much at a time, e.g. 1"),
            .select("doseUnit", "Dose unit", doseUnit, DoseUnit.allCases.map { ($0.rawValue, $0.rawValue) }, problems, prefix: prefix),
            .select("route", "Route", route, MedicationRoute.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: prefix),
            .text("timesPerDay", "Times a day", timesPerDay, problems, prefix: prefix, type: "number"),
            .text("times", "At", times, problems, prefix: prefix, hint: "Optional, e.g. 08:00, 20:00"),
            .checkbox("asNeeded", "As needed (PRN)", checked: asNeeded.isTicked, prefix: prefix),
            .text("indication", "As needed for", indication, problems, prefix: prefix, hint: "Required for PRN, e.g. pain, shortness of breath"),
            .text("maxPerDay", "At most a day", maxPerDay, problems, prefix: prefix, type: "number"),
            .text("start", "Started", start, problems, prefix: prefix, type: "date"),
            .text("stop", "Stop after", stop, problems, prefix: prefix, type: "date", hint: "The last day to take it, if the course ends"),
            .select("administeredBy", "Given by", administeredBy, MedicationAdministrator.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: prefix),
            .text("prescriber", "Prescriber", prescriber, problems, prefix: prefix),
            .text("pharmacy", "Pharmacy", pharmacy, problems, prefix: prefix),
            .text("daysSupply", "Days of supply", daysSupply, problems, prefix: prefix, type: "number"),
            .text("lastFilled", "Last filled", lastFilled, problems, prefix: prefix, type: "date"),
            .text("rxnorm", "RxNorm code", rxnorm, problems, prefix: prefix, hint: "Optional"),
            .text("notes", "Notes", notes, problems, prefix: prefix, wide: true),
        ]
    }
}

/// The other forms of the medications page.
enum MedicationForms {
    struct Adherence: Content { var medicationID: String?; var result: String?; var note: String?; var checkedOn: String? }
    struct SideEffect: Content { var medicationID: String?; var symptom: String?; var severity: String?; var reported: String?; var actionTaken: String? }
    struct Teaching: Content {
        var medicationID: String?; var topic: String?; var learner: String?; var learnerName: String?; var method: String?; var result: String?
        var materialGiven: String?; var note: String?; var taughtOn: String?
    }
    struct Reconcile: Content { var transition: String?; var source: String?; var list: String? }
    struct Discontinue: Content { var stop: String?; var reason: String? }

    static func reconcileFields(_ form: Reconcile, _ problems: [String: String]) -> [InputField] {
        [
            .select("transition", "Transition", form.transition, TransitionKind.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "rec-"),
            .text("source", "Where the list comes from", form.source, problems, prefix: "rec-", hint: "e.g. Discharge list, Mercy General Hospital", wide: true),
            InputField(id: "rec-list", name: "list", label: "The other list: one medicine per line", type: "textarea", value: form.list ?? "",
                       error: problems["list"], hint: "Name and strength; dose; route; how often — e.g. \"Furosemide 40 mg; 1 tablet; oral; twice a day\". "
                           + "Or paste a FHIR MedicationStatement Bundle (JSON).", wide: true),
        ]
    }

    static func adherenceFields(_ form: Adherence, choices: [(value: String, label: String)], _ problems: [String: String]) -> [InputField] {
        [
            .select("medicationID", "Medication", form.medicationID, choices, problems, prefix: "adh-"),
            .select("result", "How it is taken", form.result, AdherenceResult.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "adh-"),
            .text("checkedOn", "Checked on", form.checkedOn, problems, prefix: "adh-", type: "date"),
            .text("note", "What you found", form.note, problems, prefix: "adh-", hint: "e.g. pill box shows Tuesday's evening dose not taken", wide: true),
        ]
    }

    static func sideEffectFields(_ form: SideEffect, choices: [(value: String, label: String)], _ problems: [String: String]) -> [InputField] {
        [
            .select("medicationID", "Suspected medication", form.medicationID, choices, problems, prefix: "se-"),
            .text("symptom", "Symptom", form.symptom, problems, prefix: "se-", hint: "e.g. dizziness on standing"),
            .select("severity", "Severity", form.severity, SideEffectSeverity.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "se-"),
            .text("reported", "Reported on", form.reported, problems, prefix: "se-", type: "date"),
            .text("actionTaken", "Action taken", form.actionTaken, problems, prefix: "se-", hint: "e.g. physician called, dose held", wide: true),
        ]
    }

    static func teachingFields(_ form: Teaching, choices: [(value: String, label: String)], _ problems: [String: String]) -> [InputField] {
        [
            .select("medicationID", "Medication", form.medicationID, choices, problems, prefix: "teach-"),
            .text("topic", "What was taught", form.topic, problems, prefix: "teach-", hint: "e.g. signs of bleeding on warfarin"),
            .select("learner", "Learner", form.learner, Learner.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "teach-"),
            .text("learnerName", "Learner's name", form.learnerName, problems, prefix: "teach-", hint: "For a caregiver or family member"),
            .select("method", "Method", form.method, TeachingMethod.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "teach-"),
            .select("result", "Teach-back", form.result, TeachBackResult.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "teach-"),
            .text("materialGiven", "Material given", form.materialGiven, problems, prefix: "teach-"),
            .text("taughtOn", "Taught on", form.taughtOn, problems, prefix: "teach-", type: "date"),
            .text("note", "Note", form.note, problems, prefix: "teach-", wide: true),
        ]
    }
}
