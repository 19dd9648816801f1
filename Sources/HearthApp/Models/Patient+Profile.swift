import Foundation
import HearthCore

/// One changed field, in the words the chart's history shows.
struct FieldChange: Sendable {
    var field: String
    var old: String?
    var new: String?
}

extension Patient {
    /// The patient's details as the profile form starts out.
    var draft: PatientDraft {
        PatientDraft(
            givenName: givenName, familyName: familyName, birthDate: birthDate, sex: sex, phone: phone ?? "",
            addressLine: addressLine ?? "", city: city ?? "", state: state ?? "", postalCode: postalCode ?? "",
            preferredName: preferredName ?? "", genderIdentity: genderIdentity ?? "", language: language ?? "",
            interpreterNeeded: interpreterNeeded ?? false, alternatePhone: alternatePhone ?? "", timeZone: timeZone ?? "",
            middleNames: middleNames ?? "", race: race ?? .init(), ethnicity: ethnicity ?? .init(), birthSex: birthSex ?? ""
        )
    }

    var race: DemographicAnswer? { raceJSON.flatMap(Self.answer) }
    var ethnicity: DemographicAnswer? { ethnicityJSON.flatMap(Self.answer) }

    private static func answer(_ json: String) -> DemographicAnswer? { try? JSONDecoder().decode(DemographicAnswer.self, from: Data(json.utf8)) }

    /// Copies a checked draft onto the patient and lists what changed.
    func apply(_ draft: PatientDraft) -> [FieldChange] {
        var changes: [FieldChange] = []
        func set(_ label: String, _ path: ReferenceWritableKeyPath<Patient, String>, _ value: String) {
            guard self[keyPath: path] != value else { return }
            changes.append(FieldChange(field: label, old: self[keyPath: path], new: value))
            self[keyPath: path] = value
        }
        func set(_ label: String, _ path: ReferenceWritableKeyPath<Patient, String?>, _ value: String) {
            let value = value.isEmpty ? nil : value
            guard self[keyPath: path] != value else { return }
            changes.append(FieldChange(field: label, old: self[keyPath: path], new: value))
            self[keyPath: path] = value
        }
        set("First name", \.givenName, draft.givenName)
        set("Middle names", \.middleNames, draft.middleNames)
        set("Last name", \.familyName, draft.familyName)
        givenKey = givenName.lowercased()
        familyKey = familyName.lowercased()
        set("Preferred name", \.preferredName, draft.preferredName)
        set("Date of birth", \.birthDate, draft.birthDate)
        set("Sex", \.sex, draft.sex)
        set("Gender identity", \.genderIdentity, draft.genderIdentity)
        set("Sex assigned at birth", \.birthSex, draft.birthSex)
        changes += setAnswer("Race", \.raceJSON, draft.race) + setAnswer("Ethnicity", \.ethnicityJSON, draft.ethnicity)
        set("Language", \.language, draft.language)
        if (interpreterNeeded ?? false) != draft.interpreterNeeded {
            changes.append(FieldChange(field: "Needs an interpreter", old: (interpreterNeeded ?? false) ? "yes" : "no", new: draft.interpreterNeeded ? "yes" : "no"))
            interpreterNeeded = draft.interpreterNeeded
        }
        set("Phone", \.phone, draft.phone)
        set("Second phone", \.alternatePhone, draft.alternatePhone)
        set("Street address", \.addressLine, draft.addressLine)
        set("City", \.city, draft.city)
        set("State", \.state, draft.state)
        set("ZIP code", \.postalCode, draft.postalCode)
        set("Time zone", \.timeZone, draft.timeZone)
        return changes
    }

    /// A race or ethnicity answer. The forms send categories only: when those stand, a partner's detailed codes and
    /// words are kept.
    private func setAnswer(_ label: String, _ path: ReferenceWritableKeyPath<Patient, String?>, _ answer: DemographicAnswer) -> [FieldChange] {
        let stored = self[keyPath: path].flatMap(Self.answer)
        if answer.details.isEmpty, answer.text.isEmpty, (stored?.categories ?? []) == answer.categories { return [] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = answer.isEmpty ? nil : (try? encoder.encode(answer)).map { String(decoding: $0, as: UTF8.self) }
        guard json != self[keyPath: path] else { return [] }
        self[keyPath: path] = json
        return [FieldChange(field: label, old: stored?.words, new: answer.isEmpty ? nil : answer.words)]
    }

    /// Copies the code status and disaster plan onto the patient and lists what changed.
    func apply(codeStatus: CodeStatus?, plan: EmergencyPlanDraft) -> [FieldChange] {
        var changes: [FieldChange] = []
        if codeStatus?.rawValue != self.codeStatus {
            changes.append(FieldChange(field: "Code status", old: self.codeStatus.flatMap(CodeStatus.init(rawValue:))?.title, new: codeStatus?.title))
            self.codeStatus = codeStatus?.rawValue
        }
        if plan.priority?.rawValue != emergencyPriority {
            changes.append(FieldChange(field: "Emergency priority", old: emergencyPriority.map(String.init), new: plan.priority.map { String($0.rawValue) }))
            emergencyPriority = plan.priority?.rawValue
        }
        for (label, path, value) in [("Evacuation needs", \Patient.evacuationNeeds, plan.evacuationNeeds), ("Emergency equipment", \Patient.emergencyEquipment, plan.equipment)] {
            let value = value.isEmpty ? nil : value
            if self[keyPath: path] != value {
                changes.append(FieldChange(field: label, old: self[keyPath: path], new: value))
                self[keyPath: path] = value
            }
        }
        return changes
    }

    /// "Abernathy, Dorothy": how lists, titles and documents name a patient (reads the two name columns only).
    var listName: String { "\(familyName), \(givenName)" }

    /// "Dorothy (Dot) Abernathy"
    var displayName: String {
        if let preferred = preferredName, !preferred.isEmpty, preferred != givenName { return "\(givenName) (\(preferred)) \(familyName)" }
        return "\(givenName) \(familyName)"
    }
}
