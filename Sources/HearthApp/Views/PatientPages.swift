import HearthCore

struct PatientListPage: Encodable, Sendable {
    var shell: PageShell
    var query: String
    var rows: [PatientRow]
    var page: Int
    var previousHref: String?
    var nextHref: String?
    var sorts: [PageShell.NavItem]
    var canRegister: Bool
    var newPatientHref = SiteURL.newPatient.path
    /// The way to a patient not on the list, in an emergency, for roles that may break the glass.
    var emergencyHref: String? = nil
}

struct PatientFormPage: Encodable, Sendable {
    typealias Option = FieldOption

    var shell: PageShell
    var action = SiteURL.patients.path
    var fields: [InputField]
    var hasErrors: Bool
    /// A patient with the same name and date of birth exists: ask before registering another.
    var duplicateWarning = false

    /// Who will care for the patient: case manager and attending physician, chosen at registration.
    var careFields: [InputField] = []
    /// An outside physician typed in at registration, when the list does not have them.
    var outsidePhysicianFields: [InputField] = []
    var outsidePhysicianOpen = false
    /// The referral that brings the patient: when, from whom, and the ordered start of care.
    var referralFields: [InputField] = []

    init(shell: PageShell, draft: PatientDraft? = nil, problems: [String: String] = [:]) {
        self.shell = shell
        fields = PatientFields.demographics(draft, problems)
        hasErrors = !problems.isEmpty
    }
}

/// The demographic fields, the same on the registration form and the profile form.
enum PatientFields {
    static func demographics(_ draft: PatientDraft?, _ problems: [String: String]) -> [InputField] {
        [
            .text("givenName", "First name", draft?.givenName, problems),
            .text("middleNames", "Middle names (optional)", draft?.middleNames, problems),
            .text("familyName", "Last name", draft?.familyName, problems),
            .text("preferredName", "Preferred name (optional)", draft?.preferredName, problems, hint: "What the patient likes to be called."),
            .text("birthDate", "Date of birth", draft?.birthDate, problems, type: "date"),
            .select("sex", "Sex", draft?.sex, PatientDraft.sexes.map { ($0, $0.capitalized) }, problems),
            .select("genderIdentity", "Gender identity (optional)", draft?.genderIdentity, GenderIdentity.allCases.map { ($0.rawValue, $0.title) }, problems),
            .select("birthSex", "Sex assigned at birth (optional)", draft?.birthSex, BirthSex.allCases.map { ($0.rawValue, $0.title) }, problems),
            .checkboxes("race", "Race (optional; tick all that apply)", draft?.race.categories ?? [], words: draft?.race.words ?? "",
                        (RaceAndEthnicity.raceCategories + RaceAndEthnicity.nullFlavors).map { ($0.code, $0.display) }, problems,
                        hint: "As the patient states it. OMB categories; unknown or declined stands alone."),
            .select("ethnicity", "Ethnicity (optional)", draft?.ethnicity.categories.first,
                    (RaceAndEthnicity.ethnicityCategories + RaceAndEthnicity.nullFlavors).map { ($0.code, $0.display) }, problems),
            .text("language", "Preferred language", draft?.language, problems, hint: "For example English, Spanish, Vietnamese."),
            .checkbox("interpreterNeeded", "Needs an interpreter", checked: draft?.interpreterNeeded ?? false),
            .text("phone", "Phone", draft?.phone, problems, type: "tel"),
            .text("alternatePhone", "Second phone (optional)", draft?.alternatePhone, problems, type: "tel"),
            .text("addressLine", "Street address", draft?.addressLine, problems, wide: true),
            .text("city", "City", draft?.city, problems),
            .text("state", "State", draft?.state, problems, hint: "Two letters, e.g. OH."),
            .text("postalCode", "ZIP code", draft?.postalCode, problems),
            .select("timeZone", "Time zone", draft?.timeZone, PatientTimeZone.choices.map { ($0.id, $0.label) }, problems,
                    hint: "Leave empty to use the agency's."),
        ]
    }
}

/// The patient chart: a header that stays in view and a tab per area of care.
struct ChartPage: Encodable, Sendable {
    struct Tab: Encodable, Sendable {
        var id: String
        var label: String
        var emptyState: String
        /// What the tab's page holds, in a line ("2 open hazards (1 high, 1 moderate)."); nil shows the empty state.
        var summary: String? = nil
        /// Where the tab's own page is, once the feature has one.
        var href: String? = nil
        var linkText: String? = nil
    }

    var shell: PageShell
    var name: String
    var mrn: String
    var birthDate: String
    var age: Int?
    var sex: String
    var phone: String?
    var address: String?
    var codeStatus: String?
    /// "Spanish · interpreter needed"
    var language: String?
    var emergencyPriority: String?
    var profileHref: String
    var contacts: [ProfileLine]
    var directives: [ProfileLine]
    var outsideContacts: [ProfileLine]
    var caseManager: String?
    var physician: String?
    /// NPI, phone and fax of the attending physician, when known.
    var physicianContact: String?
    /// Where the attending physician is chosen, for those who may.
    var physicianHref: String?
    /// Open safety alerts: in the header until someone records the contact.
    var safetyAlerts: [SafetyAlertLine]
    var canRecordSafetyContact: Bool
    var careTeam: [TeamMember]
    /// The page to add team members, for users who may change the team.
    var careTeamHref: String?
    var tabs: [Tab]
    var history: [HistoryLine]
    var coverages: [CoverageLine]
    var coverageForm: CoverageForm
    var coverageHref: String
    var authorizationsHref: String
    var allergies: [AllergyLine]
    /// "Penicillin (severe), Latex (mild)" for the header, or nil when none are recorded.
    var allergySummary: String?
    var allergyForm: AllergyForm
    var allergyHref: String
    var diagnoses: [DiagnosisLine]
    var primaryDiagnosis: String?
    var diagnosisForm: DiagnosisForm
    var diagnosisHref: String
    var codeOptions: [PatientFormPage.Option]
    /// The page to move the patient to another caseload, for users who may.
    var reassignHref: String?
    /// Who saw or changed this record (45 CFR 164.528), for users who may see it.
    var accessReportHref: String? = nil
    var episode: EpisodeSummary?
    var episodeForm: EpisodeForm
    /// The episode's obligations from the regulatory clock, most urgent first.
    var deadlines: [DeadlineLine]
    var deadlineActions: DeadlineActions
    /// The episode's PDGM 30-day periods: LUPA counts and what holds each final claim; nil without a start of care.
    var paymentPeriods: PaymentPeriodsCard? = nil
    var assessments: AssessmentsTab
    var carePlan: CarePlanCard
    var medications: MedicationCard
    var visits: VisitCard
    /// May add or change records on this chart.
    var canWrite: Bool
    /// May record the next move of the current episode.
    var canMoveEpisode: Bool
    /// May open a new episode: there is none, or the last one is closed.
    var canOpenEpisode: Bool
    var openEpisodeHref: String

    static let tabs: [Tab] = [
        .init(id: "safety", label: "Home safety", emptyState: "No home safety evaluation yet. Room-by-room findings will appear here.",
              linkText: "Open home safety"),
        .init(id: "education", label: "Education", emptyState: "No teaching recorded. Topics taught and teach-back results will appear here.",
              linkText: "Open teaching"),
        .init(id: "resources", label: "Resources", emptyState: "Referrals to community services and providers, followed until the service starts.",
              linkText: "Open referrals and the resources directory"),
        .init(id: "communications", label: "Communications", emptyState: "Calls, messages, faxes and conferences about this patient, each able to create a follow-up task.",
              linkText: "Open the communication log"),
    ]
}

/// A small form about one patient with one choice from a list: who joins the care team, who becomes case manager.
struct PatientChoicePage: Encodable, Sendable {
    var shell: PageShell
    var heading: String
    var patientName: String
    var patientHref: String
    var action: String
    var label: String
    var fieldName: String
    var options: [PatientFormPage.Option]
    /// Free text beside the choice (the team member's role), when the form has one.
    var textLabel: String?
    var textName: String?
    var textValue: String?
    var error: String?
    var submitID: String
    var submitLabel: String
    /// A line under the heading saying what the choice is for.
    var intro: String? = nil
    /// Earlier choices, newest first ("Dr. A → Dr. B, 2026-11-02").
    var history: [String] = []
    /// A second way to make the choice (an outside physician), as its own form.
    var secondForm: PageForm? = nil
    var secondHeading: String? = nil
    var secondSubmitID: String? = nil
    var secondSubmitLabel: String? = nil
}
