import Foundation
import Testing
@testable import HearthCore

/// State rules as data (issue 18): the agency's state selects overrides of the federal rules.
/// - D.C. Mun. Regs. tit. 22-B, § 3909.2: "Each patient shall receive written notice of discharge or referral no less than
///   seven (7) calendar days prior to the action."
/// - S.C. Code Ann. Regs. 61-77.1200: verbal orders "authenticated and dated by a Physician or other Authorized Healthcare
///   Provider pursuant to the Home Health Agency's policies and procedures, but no later than thirty (30) calendar days
///   after the order is given."
@Suite struct StateRulesTests {
    static let url = ClockFixture.rulesURL.deletingLastPathComponent().appendingPathComponent("state-rules.json")

    static func stateRules() throws -> StateRules { try StateRules(json: Data(contentsOf: url)) }

    static func clock(state: String?) throws -> RegulatoryClock {
        RegulatoryClock(rules: try stateRules().applied(to: try RuleBook(contentsOf: ClockFixture.rulesURL), state: state), timeZone: ClockFixture.newYork)
    }

    static let admitted: [EpisodeFacts.Event] = [.init(.referralReceived(on: day("2026-11-02"))), .init(.admitted(startOfCare: day("2026-11-03")))]

    static func plannedDischarge(notice on: String? = nil) -> EpisodeFacts {
        var facts = EpisodeFacts(events: admitted, payers: [.medicare])
        facts.careEvents = [CareEvent(id: "plan1", kind: .plannedDischarge, on: day("2026-12-10"), detail: "goals met")]
        facts.notices = on.map { [PatientNotice(id: "n1", kind: .transferDischarge, careEventID: "plan1", deliveredOn: day($0),
                                                deliveredBy: "Ana Ruiz, RN", response: .signed)] } ?? []
        return facts
    }

    static func obligation(_ key: String, _ facts: EpisodeFacts, state: String?, at now: String) throws -> Obligation {
        try #require(try clock(state: state).obligations(for: facts, now: clockTime(now)).first { $0.key == key })
    }

    @Test func twoRealStatesShipWithTheirSourceAndDate() throws {
        let rules = try Self.stateRules()
        #expect(Set(rules.states.keys) == ["DC", "SC"])
        for state in rules.states.values {
            for override in state.overrides {
                #expect(override.requirement.contains("Read at ") && override.requirement.contains("on 2026-12-03"), "\(state.code) \(override.rule) names its source and date")
            }
        }
    }

    /// DC: planned day 2026-12-10 is day 0; 7 calendar days before is due by the end of 2026-12-03. A notice on the 3rd
    /// meets it, on the 4th is late (on time under the federal 5 days, due 2026-12-05).
    @Test func theDistrictOfColumbiaOwesTheDischargeNoticeSevenDaysBefore() throws {
        let dc = try Self.obligation("transfer-discharge-notice#1", Self.plannedDischarge(), state: "DC", at: "2026-12-03 23:59")
        #expect(dc.window.dueDay == day("2026-12-03"))
        #expect(dc.citation.contains("D.C. Mun. Regs. tit. 22-B, § 3909.2"))
        #expect(try Self.obligation("transfer-discharge-notice#1", Self.plannedDischarge(), state: "DC", at: "2026-12-04 00:00").state == .overdue(days: 1))
        #expect(try Self.obligation("transfer-discharge-notice#1", Self.plannedDischarge(notice: "2026-12-03"), state: "dc", at: "2026-12-06").state
            == .met(recordID: "notice:n1", late: false))
        #expect(try Self.obligation("transfer-discharge-notice#1", Self.plannedDischarge(notice: "2026-12-04"), state: "DC", at: "2026-12-06").state
            == .met(recordID: "notice:n1", late: true))
        let federal = try Self.obligation("transfer-discharge-notice#1", Self.plannedDischarge(notice: "2026-12-04"), state: nil, at: "2026-12-06")
        #expect(federal.window.dueDay == day("2026-12-05") && federal.state == .met(recordID: "notice:n1", late: false))
        // Another state's agency keeps the federal rule.
        #expect(try Self.obligation("transfer-discharge-notice#1", Self.plannedDischarge(), state: "OH", at: "2026-12-01").window.dueDay == day("2026-12-05"))
    }

    /// SC: an order taken 2026-12-01 (day 0) is due by the end of day 30, 2026-12-31, cited to 61-77.1200 instead of
    /// Hearth's agency-policy default.
    @Test func southCarolinaSetsTheVerbalOrderWindowByLaw() throws {
        let facts = EpisodeFacts(events: Self.admitted, verbalOrders: [.init(id: "vo-1", takenOn: day("2026-12-01"))], payers: [.medicare])
        let sc = try Self.obligation("verbal-order-signed#1", facts, state: "SC", at: "2026-12-31 23:59")
        #expect(sc.window.dueDay == day("2026-12-31") && sc.state == .dueSoon)
        #expect(sc.citation.contains("S.C. Code Ann. Regs. 61-77.1200"))
        #expect(sc.explanation.contains("no later than thirty (30) calendar days after the order is given"))
        #expect(try Self.obligation("verbal-order-signed#1", facts, state: "SC", at: "2027-01-01 00:00").state == .overdue(days: 1))
        #expect(try Self.obligation("verbal-order-signed#1", facts, state: nil, at: "2026-12-31").citation.hasPrefix("42 CFR 484.60(b)(4) (authenticated"))
    }

    /// Overrides of the aide rules: a supervision interval and the in-service hours, by rule id.
    @Test func aStateMayChangeASupervisionIntervalAndTheInServiceHours() throws {
        let book = try SupervisionRuleBook(contentsOf: StaffFixture.resources.appendingPathComponent("aide-supervision.json"))
        let rules = StateRules(states: ["ZZ": .init(code: "ZZ", name: "Test state", overrides: [
            .init(rule: "aide-supervision-aide-only", value: 30, citation: "Test § 1", requirement: "every 30 days"),
            .init(rule: "aide-in-service", value: 16, citation: "Test § 2", requirement: "16 hours a year"),
        ])])
        let applied = try rules.applied(to: book, state: "ZZ")
        #expect(applied.rule(for: .aideOnlyPatient)?.every == 30)
        #expect(applied.rule(for: .aideOnlyPatient)?.citation == "Test § 1")
        #expect(applied.inService?.minutes == 16 * 60 && applied.inService?.citation == "Test § 2")
        #expect(try rules.applied(to: book, state: nil) == book)
    }

    @Test func aBrokenStateFileIsRefusedWithItsReason() {
        #expect(throws: RuleBookError.unreadable("State rules: 'Dc' is not a two-letter state code")) {
            try StateRules(json: Data(#"{"states": {"Dc": {"name": "x", "overrides": []}}}"#.utf8))
        }
    }
}
