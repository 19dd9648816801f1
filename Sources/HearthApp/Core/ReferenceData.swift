import Foundation
import HearthCore
import Vapor

/// Everything Hearth reads from Resources/ at start-up — code lists, rules, instruments, catalogs — loaded once, behind
/// one type and one storage key. A broken file stops start-up with one line naming it. To add reference data: a
/// property here, one line in `load`, and an `Application` accessor below if handlers reach it by name.
struct ReferenceData: Sendable {
    var icd10: ICD10Catalog
    var icd10CodeSet: ICD10CodeSet
    var regulatoryClock: RegulatoryClock
    var instruments: InstrumentCatalog
    var medicationCatalog: MedicationCatalog
    var credentialRequirements: StateCredentialRequirements
    var aideSupervision: AideSupervision?
    var lupaThresholds: LUPAThresholds
    var needCategories: NeedCategoryVocabulary?
    var homeSafetyChecklist: HomeSafetyChecklist
    var teachingTopics: TeachingTopicLibrary
    var vitalSignAlerts: VitalSignAlerts
    /// Each payer kind's review cadence and appeal levels. (GMLOS and the inpatient-only list are CMS's files, which the
    /// hospital imports into the database: `ReferenceTableStore`.)
    var utilizationPayers: PayerReviewRules
    var commonPasswords: CommonPasswords
    var discharge: DischargeReference

    /// Reads every file under `resources` (a path ending in "/"); the clocks run in the agency's zone.
    static func load(from resources: String, timeZone: TimeZone) throws -> ReferenceData {
        let files = ResourceFiles(root: resources)
        let instruments = try files.read("Instruments") { try InstrumentCatalog(directory: $0) }
        var clock = RegulatoryClock(rules: try files.read("Rules/regulatory-clock.json") { try RuleBook(contentsOf: $0) }, timeZone: timeZone)
        // Which instruments carry the comprehensive assessment's content [42 CFR 484.55(c)] is marked in their files.
        clock.comprehensiveInstruments = Set(instruments.allVersions.filter(\.comprehensiveAssessment).map(\.id))
        return ReferenceData(
            icd10: try files.read("ICD10/home-health-codes.tsv") { try ICD10Catalog(tsv: String(contentsOf: $0, encoding: .utf8)) },
            // The whole code set is read once per process (tests share it).
            icd10CodeSet: try files.read("ICD10/icd10cm-2026.tsv", hint: "or rewrite the file with scripts/icd10cm-extract.py") {
                try ICD10CodeSet.shared(contentsOf: $0.path)
            },
            regulatoryClock: clock,
            instruments: instruments,
            medicationCatalog: try files.read("Medications") { try MedicationCatalog(directory: $0) },
            credentialRequirements: try files.read("Scheduling/state-credential-requirements.json") { try StateCredentialRequirements(contentsOf: $0) },
            // How often aides are supervised [42 CFR 484.80(h)].
            aideSupervision: AideSupervision(rules: try files.read("Scheduling/aide-supervision.json") { try SupervisionRuleBook(contentsOf: $0) },
                                             timeZone: timeZone),
            lupaThresholds: try files.read("Rules/lupa-thresholds.json") { try LUPAThresholds(json: Data(contentsOf: $0)) },
            needCategories: try files.read("Community/need-categories.json") { try NeedCategoryVocabulary(file: $0) },
            homeSafetyChecklist: try files.read("HomeSafety/checklist.json") { try HomeSafetyChecklist(file: $0) },
            teachingTopics: try files.read("Teaching/topics.json") { try TeachingTopicLibrary(file: $0) },
            vitalSignAlerts: try files.read("Rules/vital-sign-alerts.json") { try VitalSignAlerts(contentsOf: $0) },
            utilizationPayers: try files.read("Rules/utilization-review.json") { try PayerReviewRules(json: Data(contentsOf: $0)) },
            // A missing list would let every password in, so it stops start-up too.
            commonPasswords: try files.read("Auth/common-passwords.txt") { CommonPasswords(text: try String(contentsOf: $0, encoding: .utf8)) },
            discharge: try DischargeReference.load(from: resources, instruments: instruments)
        )
    }
}

/// Reads one reference file and turns any failure into a start-up error that names the file.
private struct ResourceFiles {
    let root: String

    func read<T>(_ relative: String, hint: String = "", _ parse: (URL) throws -> T) throws -> T {
        let path = root + relative
        guard FileManager.default.fileExists(atPath: path) else {
            throw StartupError(message: "cannot read \(path): run Hearth from its folder")
        }
        do { return try parse(URL(fileURLWithPath: path)) } catch let error as StartupError { throw error } catch {
            throw StartupError(message: "\(path): \(error)" + (hint.isEmpty ? "" : "; \(hint)"))
        }
    }
}

extension Application {
    private struct ReferenceDataKey: StorageKey { typealias Value = ReferenceData }

    /// The reference data `configure` loaded; handlers reach its parts by the names below.
    var reference: ReferenceData {
        get {
            guard let data = storage[ReferenceDataKey.self] else { fatalError("configure(_:) loads the reference data before anything reads it") }
            return data
        }
        set { storage[ReferenceDataKey.self] = newValue }
    }

    /// The home-health quick picks offered on the diagnosis form.
    var icd10: ICD10Catalog { get { reference.icd10 } set { reference.icd10 = newValue } }
    /// Every ICD-10-CM code, to check what is typed.
    var icd10CodeSet: ICD10CodeSet { get { reference.icd10CodeSet } set { reference.icd10CodeSet = newValue } }
    /// Computes every deadline from an episode's facts, in the agency's time zone.
    var regulatoryClock: RegulatoryClock { get { reference.regulatoryClock } set { reference.regulatoryClock = newValue } }
    var instruments: InstrumentCatalog { get { reference.instruments } set { reference.instruments = newValue } }
    var medicationCatalog: MedicationCatalog { get { reference.medicationCatalog } set { reference.medicationCatalog = newValue } }
    var credentialRequirements: StateCredentialRequirements { get { reference.credentialRequirements } set { reference.credentialRequirements = newValue } }
    /// The aide supervision deadlines, which join the regulatory clock's obligations.
    var aideSupervision: AideSupervision? { get { reference.aideSupervision } set { reference.aideSupervision = newValue } }
    /// The LUPA thresholds by case-mix group (Resources/Rules/lupa-thresholds.json).
    var lupaThresholds: LUPAThresholds { get { reference.lupaThresholds } set { reference.lupaThresholds = newValue } }
    var needCategories: NeedCategoryVocabulary? { get { reference.needCategories } set { reference.needCategories = newValue } }
    var homeSafetyChecklist: HomeSafetyChecklist { get { reference.homeSafetyChecklist } set { reference.homeSafetyChecklist = newValue } }
    var teachingTopics: TeachingTopicLibrary { get { reference.teachingTopics } set { reference.teachingTopics = newValue } }
    /// The agency's vital sign alert thresholds (Resources/Rules/vital-sign-alerts.json).
    var vitalSignAlerts: VitalSignAlerts { get { reference.vitalSignAlerts } set { reference.vitalSignAlerts = newValue } }
    /// The shipped list of common passwords new passwords are checked against.
    var commonPasswords: CommonPasswords { get { reference.commonPasswords } set { reference.commonPasswords = newValue } }
    /// The discharge-needs instrument with LACE, and the post-acute provider table (Resources/Discharge/).
    var discharge: DischargeReference { reference.discharge }
}
