import Foundation
import HearthCore
import Vapor

/// Builds the stay page's discharge plan section from the saved plan; a refused form comes back with its typing and the
/// reasons by the fields.
struct DischargePlanSectionBuilder {
    /// What a refused form sent, to show again.
    struct Refusal {
        var form: String
        var problems: [String: String]
        var answers: AssessmentAnswers?
        var fields: [String: String] = [:]
        var lists: [String: [String]] = [:]
    }

    var req: Request
    var stay: HospitalStore.LoadedStay
    /// False for a reader who may not plan the discharge (the UR nurse): no form is offered.
    var canWrite = true

    var zone: TimeZone { req.application.settings.agencyTimeZone }
    var reference: DischargeReference { req.application.discharge }

    func section(refusal: Refusal? = nil) async throws -> DischargePlanSection {
        let id = try stay.row.requireID()
        let loaded = try await DischargePlanStore.load(stayID: id, on: req.db)
        let plan = loaded.plan
        let answers = refusal?.answers ?? DischargePlanStore.answers(plan)
        let reading = reference.assessment.evaluate(answers, stay: stay.facts, now: req.now, zone: zone)
        let p: (String) -> [String: String] = { refusal?.form == $0 ? refusal?.problems ?? [:] : [:] }
        let typed: (String, String?) -> String? = { name, saved in refusal?.fields[name] ?? saved }
        let open = !stay.facts.isDischarged && canWrite
        let list = DischargePlanStore.choiceList(stay.row, plan: plan, directory: reference.directory)
        let setting = stay.facts.plannedDisposition
        let chosen = loaded.choice?.chosenIDs ?? []
        let isHomeHealth = setting == .homeHealth
        let checks = HomeHealthPreflight.checks(DischargePlanStore.orderFacts(plan), payer: reference.directory.payer(named: stay.row.payer))
        // A provider waiting on or holding the referral, or not yet told of its withdrawal, is not offered a second one.
        let live = Set(loaded.referrals.filter { [.sent, .accepted].contains($0.facts.status) || $0.row.isWithdrawalUndelivered }.map(\.row.providerID))
        let sendable = chosen.filter { !live.contains($0) }
        let delay = AcceptanceDelay(referrals: loaded.referrals.map(\.facts), expectedDischarge: stay.facts.expectedDischarge,
                                    dischargedAt: stay.facts.dischargedAt, now: req.now, zone: zone)
        return DischargePlanSection(
            needsAction: SiteURL.dischargePlan(id, .needs).path,
            needsFields: reference.assessment.instrument.items.map {
                AssessmentPages.field(for: $0, answer: answers[$0.id], error: p("needs")[$0.id], hidden: false)
            },
            addressForm: [
                .text("addressLine", "Home address after discharge", typed("addressLine", plan?.addressLine), p("needs"), prefix: "dp-", wide: true),
                .text("city", "City", typed("city", plan?.city), p("needs"), prefix: "dp-"),
                .text("state", "State", typed("state", plan?.state), p("needs"), prefix: "dp-"),
                .text("postalCode", "ZIP", typed("postalCode", plan?.postalCode), p("needs"), prefix: "dp-", hint: "Providers are listed by the area they serve",
                      inputMode: "numeric"),
                .text("phone", "Phone", typed("phone", plan?.phone), p("needs"), prefix: "dp-", type: "tel"),
            ],
            needsError: refusal?.form == "needs" ? PageForm.refusal(refusal?.problems ?? [:]) : nil,
            needs: reading.needs.map { ($0.need.title, $0.reason) },
            lace: reading.lace.map { "LACE \($0.displayValue) (\($0.bandLabel ?? "")): length of stay \(reading.lengthOfStay) day\(reading.lengthOfStay == 1 ? "" : "s") counted from the stay. \($0.interpretation ?? "")" },
            unanswered: reading.unanswered,
            listMissing: Self.listMissing(setting: setting, plan: plan),
            setting: setting?.title ?? "no post-acute setting planned",
            options: (list?.options ?? []).map { Self.option($0, rank: chosen.firstIndex(of: $0.provider.id).map { $0 + 1 }) },
            listNotice: list?.patientNotice ?? "",
            listSource: "Quality data: \(reference.directory.quality.source) As of \(reference.directory.quality.asOf) (\(DischargeChoiceList.qualityCitation)).",
            notServingArea: list?.notServingArea ?? 0,
            choiceForm: open && list != nil && !(list?.options.isEmpty ?? true) ? choiceForm(list!, id: id, chosen: chosen, refusal: refusal) : nil,
            lastChoice: lastChoice(loaded.choice),
            orderForm: isHomeHealth && open ? orderForm(plan, id: id, typed: typed, problems: p("order"), refused: refusal?.form == "order") : nil,
            checks: isHomeHealth ? checks.map { .init(id: $0.id, title: $0.title, passed: $0.passed, reason: $0.reason) } : [],
            sendForm: open && loaded.choice != nil && !sendable.isEmpty ? sendForm(list, id: id, chosen: sendable, checks: isHomeHealth ? checks : [], refusal: refusal) : nil,
            referrals: loaded.referrals.map { referral($0, stayID: id, open: open) },
            avoidable: delay.days == 0 ? "No avoidable day from waiting on a post-acute acceptance. \(delay.explanation)"
                : "\(delay.days) avoidable day\(delay.days == 1 ? "" : "s") owed to \(AcceptanceDelay.reason). \(delay.explanation)",
            refused: refusal?.form,
            referralsError: refusal?.form == "send" ? refusal?.problems.sorted { $0.key < $1.key }.map(\.value).joined(separator: " ") : nil)
    }

    static func listMissing(setting: Disposition?, plan: DischargePlan?) -> String? {
        guard let setting, DischargeChoiceList.settings.contains(setting) else {
            return "No post-acute setting is planned yet (home health, a SNF, inpatient rehabilitation, long-term care or hospice, chosen under Discharge below): the choice list appears here once one is."
        }
        guard let zip = plan?.postalCode, !zip.isEmpty else { return "Enter the ZIP where the patient will live after discharge (Assess the needs), and the providers serving it are listed." }
        return nil
    }

    static func option(_ option: PostAcuteOption, rank: Int?) -> DischargePlanSection.Option {
        let offers = option.covers.isEmpty && option.missing.isEmpty ? "No need predicted yet"
            : (option.covers.isEmpty ? "" : "Offers " + option.covers.map(\.title).joined(separator: ", ")) +
              (option.missing.isEmpty ? "" : "\(option.covers.isEmpty ? "" : "; ")Does not offer " + option.missing.map(\.title).joined(separator: ", "))
        let flag = switch option.network {
        case .outOfNetwork: "overdue"
        case .unknown: "due_soon"
        default: "ok"
        }
        return .init(id: option.provider.id, name: option.provider.name + (option.provider.ccn.map { " (CCN \($0))" } ?? ""), offers: offers,
                     network: option.network.title, networkFlag: flag, accepting: option.provider.accepting ? "Yes" : "Not taking new patients now",
                     quality: option.provider.quality.map { "\($0.measure): \($0.value)" }, disclosure: option.provider.financialInterest, chosenRank: rank)
    }

    private func choiceForm(_ list: DischargeChoiceList, id: UUID, chosen: [String], refusal: Refusal?) -> PageForm {
        let problems = refusal?.form == "choice" ? refusal?.problems ?? [:] : [:]
        let picked = refusal?.form == "choice" ? refusal?.lists["also"] ?? [] : Array(chosen.dropFirst())
        let names: [(value: String, label: String)] = list.options.map { ($0.provider.id, $0.provider.name) }
        let fields: [InputField] = [
            .select("first", "The patient's first choice", refusal?.form == "choice" ? refusal?.fields["first"] : chosen.first, names, problems, prefix: "c-"),
            .checkboxes("also", "Also refer to (the patient's other choices, for referrals in parallel)", picked, words: "", names, problems),
            .select("chooser", "Who chose", refusal?.fields["chooser"] ?? "patient",
                    DischargeChoiceSubmission.Chooser.allCases.map { ($0.rawValue, $0.title) }, problems, prefix: "c-"),
            .text("representative", "Representative's name", refusal?.fields["representative"], problems, prefix: "c-", hint: "When the representative chose"),
        ]
        return PageForm(action: SiteURL.dischargePlan(id, .choice).path, fields: fields,
                        error: problems["list"] ?? problems["chosen"] ?? (problems.isEmpty ? nil : PageForm.refusal(problems)))
    }

    private func lastChoice(_ choice: DischargeChoiceRecord?) -> String? {
        guard let choice else { return nil }
        let who = DischargeChoiceSubmission.Chooser(rawValue: choice.chooser)
        let names = (try? JSONDecoder().decode([ShownOption].self, from: Data(choice.shownJSON.utf8))) ?? []
        let chosen = choice.chosenIDs.compactMap { id in names.first { $0.id == id }?.name }
        let by = who == .representative ? "the representative \(choice.representative ?? "")" : who == .declined ? "nobody: the patient declined to choose" : "the patient"
        return "Choice recorded \(StayLifecycle.stamp(choice.recordedAt, zone)) by \(choice.recordedByName): chosen by \(by)"
            + (chosen.isEmpty ? "" : ", " + chosen.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: ", "))
            + ", from a list of \(names.count) shown."
    }
}

/// One provider as the list showed it, kept with the choice.
struct ShownOption: Codable {
    var id: String
    var name: String
    var network: String
    var offers: String
    var accepting: Bool
    var quality: [String]
    var disclosure: String?
}
