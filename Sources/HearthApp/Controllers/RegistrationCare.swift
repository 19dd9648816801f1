import Fluent
import Foundation
import HearthCore
import Vapor

/// The case manager and attending physician chosen on the registration form, so a referral leaves intake with both.
struct RegistrationCareForm: Content {
    var caseManagerID: String?
    var physicianID: String?
    var physicianName: String?
    var physicianNPI: String?
    var physicianPhone: String?
    var physicianFax: String?
    var physicianPractice: String?
    var referralDate: String?
    var referralTime: String?
    var referralSource: String?
    var orderedStartOfCare: String?
    var payerProgram: String?
    var payerName: String?
    var payerMemberID: String?
    /// Any billable ICD-10-CM code; its official description is recorded with it.
    var diagnosisCode: String?

    var referral: ReferralDraft {
        ReferralDraft(date: referralDate ?? "", time: referralTime ?? "", source: referralSource ?? "", orderedStartOfCare: orderedStartOfCare ?? "")
    }

    var outside: PhysicianController.OutsideForm {
        .init(physicianName: physicianName, physicianNPI: physicianNPI, physicianPhone: physicianPhone, physicianFax: physicianFax,
              physicianPractice: physicianPractice)
    }
}

enum RegistrationCare {
    /// What the form chose, checked: the people to assign, or problems by field.
    struct Choice {
        var caseManager: User?
        var physician: User?
        var outsidePhysician: OutsidePhysicianDraft?
        /// The referral that brings the patient, opening the episode at registration.
        var referral: Referral?
        /// The primary payer named on the referral.
        var coverage: CoverageDraft?
        /// The primary diagnosis the referral is for (CMS-485 item 11), with its official description.
        var diagnosis: (code: ICD10Code, title: String)?
    }

    /// The payer's and diagnosis's fields on the registration form, by the names their chart forms use.
    static let payerFieldNames = ["program": "payerProgram", "payer": "payerName", "memberID": "payerMemberID"]
    static let diagnosisFieldNames = ["code": "diagnosisCode"]

    /// The referral's fields on the registration form, by the names the referral's own form uses.
    static let referralFieldNames = ["date": "referralDate", "time": "referralTime", "source": "referralSource", "orderedStartOfCare": "orderedStartOfCare"]

    /// Roles that pick the case manager at registration (a case manager registering a patient takes them herself).
    static func choosesCaseManager(_ role: Role) -> Bool { [.intake, .supervisor, .admin].contains(role) }

    static func check(_ form: RegistrationCareForm, role: Role, now: Date, zone: TimeZone, codes: ICD10CodeSet, examples: ICD10Catalog,
                      on db: any Database) async throws -> (Choice, [String: String]) {
        var choice = Choice()
        var problems: [String: String] = [:]
        // The payer and diagnosis are optional at registration; once anything of one is typed, it is checked like the chart's form.
        let program = PayerProgram(rawValue: form.payerProgram ?? "")
        let payerName = (form.payerName ?? "").trimmingCharacters(in: .whitespaces)
        if program != nil || !payerName.isEmpty || !(form.payerMemberID ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            let coverage = CoverageDraft(payer: payerName.isEmpty && program == .medicare ? "Medicare" : payerName, program: form.payerProgram ?? "",
                                         memberID: form.payerMemberID ?? "", plan: "", order: "1", start: "", end: "")
            let found = coverage.problems
            if found.isEmpty { choice.coverage = coverage }
            for (field, message) in found { problems[payerFieldNames[field] ?? field] = message }
        }
        if !(form.diagnosisCode ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            let diagnosis = DiagnosisDraft(code: form.diagnosisCode ?? "", rank: "primary", onset: "")
            switch diagnosis.coded(today: CalendarDate(now, in: zone), codes: codes, examples: examples) {
            case .success(let coded): choice.diagnosis = (coded.code, coded.title)
            case .failure(let found): for (field, message) in found.byField { problems[diagnosisFieldNames[field] ?? field] = message }
            }
        }
        // The form offers today's date to intake, who registers a patient because a referral came in; anyone may leave
        // the referral empty and record it on the chart later.
        let referral = form.referral
        if !(referral.date.isEmpty && referral.time.isEmpty && referral.source.isEmpty && referral.orderedStartOfCare.isEmpty) {
            switch referral.referral(now: now, in: zone) {
            case .success(let valid): choice.referral = valid
            case .failure(let found):
                for (field, message) in found.byField { problems[referralFieldNames[field] ?? field] = message }
            }
        }
        if choosesCaseManager(role), let text = form.caseManagerID, !text.isEmpty {
            if let id = UUID(uuidString: text), let user = try await User.find(id, on: db), user.role == Role.caseManager.rawValue, user.isActive {
                choice.caseManager = user
            } else {
                problems["caseManagerID"] = "Choose an active case manager from the list, or leave it for a supervisor to assign."
            }
        }
        let outside = form.outside.draft
        if let text = form.physicianID, !text.isEmpty {
            if !outside.isBlank {
                problems["physicianID"] = "Choose a physician from the list or enter one below, not both."
            } else if let id = UUID(uuidString: text), let physician = try await PhysicianDirectory.physician(id, on: db) {
                choice.physician = physician
            } else {
                problems["physicianID"] = "Choose a physician from the list."
            }
        } else if !outside.isBlank {
            let found = outside.problems()
            if found.isEmpty { choice.outsidePhysician = outside } else { problems.merge(found) { a, _ in a } }
        }
        return (choice, problems)
    }

    static func fields(_ form: RegistrationCareForm?, problems: [String: String], role: Role, on db: any Database) async throws -> [InputField] {
        var fields: [InputField] = []
        if choosesCaseManager(role) {
            let managers = try await User.query(on: db).filter(\.$role == Role.caseManager.rawValue).filter(\.$isActive == true)
                .sort(\.$displayName).all()
            fields.append(.select("caseManagerID", "Case manager", form?.caseManagerID,
                                  try managers.map { (try $0.requireID().uuidString, $0.displayName) }, problems,
                                  hint: "Leave it unchosen for a supervisor to assign."))
        }
        let physicians = try await PhysicianDirectory.options(selected: nil, on: db)
        fields.append(.select("physicianID", "Attending physician", form?.physicianID,
                              physicians.map { ($0.value, $0.label) }, problems,
                              hint: "Not on the list? Enter the patient's own physician below."))
        return fields
    }

    /// The referral's fields: when it came in, from whom, and the start of care the physician ordered.
    static func referralFields(_ form: RegistrationCareForm?, problems: [String: String], today: CalendarDate, role: Role) -> [InputField] {
        [
            .text("referralDate", "Referral received on", form?.referralDate ?? (role == .intake ? today.description : ""), problems, type: "date",
                  hint: role == .intake ? nil : "Leave empty to record the referral on the chart later."),
            .text("referralTime", "Time received", form?.referralTime, problems, type: "time",
                  hint: "The 48-hour initial visit counts from when the referral arrived."),
            .text("referralSource", "Referred by", form?.referralSource, problems, hint: "Hospital, physician's office or other source."),
            .text("orderedStartOfCare", "Start of care ordered for (optional)", form?.orderedStartOfCare, problems, type: "date",
                  hint: "When the physician ordered a specific start date."),
            .text("diagnosisCode", "Primary diagnosis (ICD-10-CM)", form?.diagnosisCode, problems,
                  hint: "The billable code the referral gives, e.g. I50.9 or S72.001D. Hearth records its official description."),
            .select("payerProgram", "Primary payer", form?.payerProgram, PayerProgram.allCases.map { ($0.rawValue, $0.title) }, problems,
                    hint: "Billing rules follow it: the Notice of Admission is owed for traditional Medicare only."),
            .text("payerName", "Payer or plan name", form?.payerName, problems, hint: "As on the card, e.g. Buckeye Senior Advantage. Medicare fills in for traditional Medicare."),
            .text("payerMemberID", "Member id", form?.payerMemberID, problems),
        ]
    }
}
