import HearthCore

/// The patient's profile page: the details form and the lists of contacts, directives and outside contacts.
struct ProfilePage: Encodable, Sendable {
    var shell: PageShell
    var name: String
    var chartHref: String
    var canWrite: Bool
    var canManageTeam: Bool
    var hasErrors: Bool
    var detailsAction: String
    var details: [InputField]
    var care: [InputField]
    var contacts: [ProfileLine]
    var contactAction: String
    var contactFields: [InputField]
    var directives: [ProfileLine]
    var directiveAction: String
    var directiveFields: [InputField]
    var externals: [ProfileLine]
    var externalAction: String
    var externalFields: [InputField]
}

/// One contact, directive or outside contact, with the button that removes it when the user may.
struct ProfileLine: Encodable, Sendable {
    var title: String
    var detail: String
    var phone: String?
    var csrfToken: String?
    var removeHref: String?
}

/// Forms that come back with what was typed and what was wrong; nil means a fresh form.
struct ProfileForms {
    var details: [InputField]?
    var care: [InputField]?
    var contact: [InputField]?
    var directive: [InputField]?
    var external: [InputField]?

    var hasErrors: Bool { [details, care, contact, directive, external].contains { $0 != nil } }
}

/// The fields of the profile's forms.
enum ProfileFields {
    static func care(codeStatus: String?, priority: String?, evacuationNeeds: String?, equipment: String?, _ problems: [String: String]) -> [InputField] {
        [
            .select("codeStatus", "Code status", codeStatus, CodeStatus.allCases.map { ($0.rawValue, $0.title) }, problems),
            .select("emergencyPriority", "Emergency priority", priority, EmergencyPriority.allCases.map { (String($0.rawValue), $0.title) }, problems,
                    hint: "Who the agency contacts and evacuates first in a disaster."),
            .text("evacuationNeeds", "Evacuation needs", evacuationNeeds, problems, hint: "e.g. wheelchair van, stretcher, bariatric transport", wide: true),
            .text("equipment", "Equipment that needs power or supplies", equipment, problems, hint: "e.g. oxygen concentrator, ventilator, insulin", wide: true),
        ]
    }

    static func contact(_ draft: ContactDraft?, _ problems: [String: String]) -> [InputField] {
        [
            .text("name", "Name", draft?.name, problems, prefix: "contact-"),
            .select("relationship", "Relationship", draft?.relationship, ContactDraft.relationships.map { ($0, $0.capitalized) }, problems, prefix: "contact-"),
            .text("phone", "Phone", draft?.phone, problems, prefix: "contact-", type: "tel"),
            .checkbox("livesWith", "Lives with the patient", checked: draft?.livesWith ?? false, prefix: "contact-"),
            .checkbox("isCaregiver", "Gives care", checked: draft?.isCaregiver ?? false, prefix: "contact-"),
            .checkbox("isDecisionMaker", "Makes health-care decisions for the patient", checked: draft?.isDecisionMaker ?? false, prefix: "contact-"),
        ]
    }

    static func directive(_ draft: AdvanceDirectiveDraft?, rawKind: String? = nil, _ problems: [String: String]) -> [InputField] {
        [
            .select("kind", "Type", draft?.kind?.rawValue ?? rawKind, AdvanceDirectiveDraft.Kind.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "directive-"),
            .checkbox("onFile", "A copy is on file with the agency", checked: draft?.onFile ?? false, prefix: "directive-"),
            .text("location", "Where it is kept", draft?.location, problems, prefix: "directive-", hint: "e.g. on the refrigerator; with daughter", wide: true),
        ]
    }

    static func external(_ draft: ExternalContactDraft?, _ problems: [String: String]) -> [InputField] {
        [
            .text("role", "Role", draft?.role, problems, prefix: "external-", hint: "e.g. Cardiologist, Pharmacy, Meals on Wheels"),
            .text("name", "Name", draft?.name, problems, prefix: "external-"),
            .text("organization", "Organization", draft?.organization, problems, prefix: "external-"),
            .text("phone", "Phone", draft?.phone, problems, prefix: "external-", type: "tel"),
            .text("fax", "Fax", draft?.fax, problems, prefix: "external-", type: "tel"),
        ]
    }
}
