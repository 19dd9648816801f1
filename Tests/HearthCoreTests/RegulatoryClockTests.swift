import Foundation
import Testing
@testable import HearthCore

/// Shared set-up for the regulatory clock tests: the shipped rule table and an agency in New York.
enum ClockFixture {
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let rulesURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Rules/regulatory-clock.json")

    static func clock(in zone: TimeZone = newYork) throws -> RegulatoryClock {
        RegulatoryClock(rules: try RuleBook(contentsOf: rulesURL), timeZone: zone)
    }

    /// The obligation with `key` at `now`, failing the test when the clock did not produce it.
    static func obligation(_ key: String, _ facts: EpisodeFacts, at now: Date, in zone: TimeZone = newYork) throws -> Obligation {
        try #require(try clock(in: zone).obligations(for: facts, now: now).first { $0.key == key })
    }

    static func keys(_ facts: EpisodeFacts, at now: Date) throws -> [String] {
        try clock().obligations(for: facts, now: now).map(\.key)
    }
}

/// A wall-clock time in a zone: `clockTime("2026-11-01 14:30")` is 2:30 pm in New York.
func clockTime(_ text: String, in zone: TimeZone = ClockFixture.newYork) -> Date {
    let parts = text.split(separator: " ")
    let date = day(String(parts[0]))
    let time = parts.count > 1 ? parts[1].split(separator: ":").map { Int($0)! } : [12, 0]
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: time[0], minute: time[1]))!
}

/// A signed assessment on the comprehensive home assessment unless `comprehensive` is false (a one-item scale).
func signedAssessment(_ id: String, _ kind: String, _ date: String, at instant: String? = nil, comprehensive: Bool = true) -> ComplianceRecord {
    ComplianceRecord(id: id, kind: .assessment(kind), date: day(date), instant: instant.map { clockTime($0) }, comprehensive: comprehensive)
}

/// The rule table is data, checked at load so a bad rule stops start-up with one line naming it.
@Suite struct RegulatoryClockRuleBookTests {
    @Test func shippedRulesLoadWithCitations() throws {
        let book = try RuleBook(contentsOf: ClockFixture.rulesURL)
        #expect(book.rules.map(\.id) == ["initial-assessment", "comprehensive-assessment", "notice-of-admission",
                                         "face-to-face-encounter", "recertification-assessment", "resumption-assessment",
                                         "transfer-assessment", "discharge-assessment", "death-at-home-assessment",
                                         "oasis-submission", "significant-change-assessment", "transfer-discharge-notice", "nomnc", "hhabn",
                                         "plan-of-care-signed",
                                         "verbal-order-signed", "plan-change-signed", "transfer-summary", "discharge-summary"])
        #expect(book.rules.allSatisfy { !$0.citation.isEmpty && !$0.requirement.isEmpty })
        #expect(book.rule("comprehensive-assessment")?.citation == "42 CFR 484.55(b)(1)")
        #expect(book.rule("initial-assessment")?.windows.first?.anchor == .orderedStartOfCare)
        #expect(book.rule("notice-of-admission")?.payers == [.medicare])
        #expect(book.rule("comprehensive-assessment")?.payers == nil)
    }

    static func json(trigger: String = "start_of_care", anchor: String = "event", unit: String = "days",
                     opens: Int = 0, due: Int = 5, satisfiedBy: String = "assessment:start_of_care", id2: String = "b") -> Data {
        let rule = { (id: String) in
            """
            {"id": "\(id)", "title": "T", "citation": "C", "requirement": "R", "trigger": "\(trigger)",
             "windows": [{"anchor": "\(anchor)", "unit": "\(unit)", "opens": \(opens), "due": \(due)}],
             "satisfiedBy": ["\(satisfiedBy)"]}
            """
        }
        return Data(#"{"version": 1, "rules": [\#(rule("a")), \#(rule(id2))]}"#.utf8)
    }

    @Test func aWellFormedTableLoads() throws {
        #expect(try RuleBook(json: Self.json()).rules.count == 2)
    }

    @Test func badRulesAreRefusedWithOneLineNamingTheRule() {
        let cases: [(Data, RuleBookError)] = [
            (Self.json(trigger: "referal"), .unknownTrigger(rule: "a", value: "referal")),
            (Self.json(opens: 5, due: 2), .negativeWindow(rule: "a", opens: 5, due: 2)),
            (Self.json(unit: "hours", opens: 0, due: 0), .negativeWindow(rule: "a", opens: 0, due: 0)),
            (Self.json(id2: "a"), .duplicateID("a")),
            (Self.json(anchor: "period_end"), .anchorNeedsPeriod(rule: "a", anchor: "period_end")),
            (Self.json(anchor: "admission"), .unknownAnchor(rule: "a", value: "admission")),
            (Self.json(unit: "weeks"), .unknownUnit(rule: "a", value: "weeks")),
            (Self.json(satisfiedBy: "assessment:recert"), .unknownRecordKind(rule: "a", value: "assessment:recert")),
        ]
        for (data, expected) in cases {
            #expect(throws: expected) { try RuleBook(json: data) }
            #expect(!expected.description.contains("\n"))
        }
        let unknownTrigger = RuleBookError.unknownTrigger(rule: "a", value: "referal").description
        #expect(unknownTrigger.hasPrefix("Regulatory clock rules: rule 'a' has unknown trigger 'referal'; use one of referral, start_of_care, certification_period, transfer, resumption, discharge, verbal_order, plan_change, death_at_home, oasis_assessment"))
    }

    @Test func malformedJSONSaysWhere() {
        #expect(throws: RuleBookError.unreadable("not valid JSON")) { try RuleBook(json: Data("{".utf8)) }
        #expect(throws: RuleBookError.unreadable(#"missing "citation" at rules.[0]"#)) {
            try RuleBook(json: Data(#"{"version": 1, "rules": [{"id": "x", "title": "T"}]}"#.utf8))
        }
    }

    @Test func recordKindsRoundTripThroughTheirKeys() {
        for key in ["assessment:start_of_care", "assessment:discharge", "notice_of_admission", "face_to_face_encounter"] {
            #expect(ComplianceRecord.Kind(key: key)?.key == key)
        }
        #expect(ComplianceRecord.Kind(key: "assessment:nonsense") == nil)
        #expect(ComplianceRecord.Kind.assessment("start_of_care").description == "start-of-care assessment")
    }
}

/// What the caseload and compliance pages read: counts per state, the most urgent obligation, days overdue.
@Suite struct RegulatoryClockSummaryTests {
    @Test func countsMostUrgentAndDaysOverdue() throws {
        // Referral 2026-11-20, SOC 2026-11-23; on 2026-12-02 the comprehensive assessment and NOA are 4 days overdue.
        let facts = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-11-20")), at: clockTime("2026-11-20 09:00")),
                                          .init(.admitted(startOfCare: day("2026-11-23")))],
                                 records: [signedAssessment("a1", "start_of_care", "2026-11-21"),
                                           ComplianceRecord(id: "n1", kind: .noticeOfAdmission, date: day("2026-11-30"))])
        let obligations = try ClockFixture.clock().obligations(for: facts, now: clockTime("2026-12-02 10:00"))
        let summary = ObligationSummary(obligations)
        #expect(summary.count(.met) == 2) // initial assessment on time, NOA late
        #expect(summary.count(.overdue) == 1) // comprehensive: a1 came before SOC, so it does not count
        #expect(summary.count(.open) == 2) // face-to-face, due 2026-12-23; plan of care signed, due 2027-01-21
        #expect(summary.count(.upcoming) == 1) // recertification of period 1 opens 2027-01-17
        #expect(summary.maxDaysOverdue == 4)
        #expect(summary.needsAction == 1)
        #expect(summary.mostUrgent?.key == "comprehensive-assessment#1")
        #expect(obligations.first { $0.key == "notice-of-admission#1" }?.state == .met(recordID: "n1", late: true))
        #expect(obligations.map(\.status) == ["Met", "Overdue 4 days", "Met late", "Due 2026-12-23", "Opens 2027-01-17", "Due 2027-01-21"])
    }

    @Test func urgencyOrdersOverdueThenDueSoonThenOpen() throws {
        let facts = EpisodeFacts(events: [.init(.referralReceived(on: day("2026-11-20"))), .init(.admitted(startOfCare: day("2026-11-23")))])
        let sorted = try ClockFixture.clock().obligations(for: facts, now: clockTime("2026-11-27 10:00"))
            .filter(\.isOutstanding).sorted(by: Obligation.moreUrgent)
        #expect(sorted.map(\.state.kind) == [.overdue, .dueSoon, .dueSoon, .open, .open, .upcoming])
        #expect(sorted.first?.key == "initial-assessment#1")
        #expect(sorted.first?.daysOverdue == 5) // referral on 2026-11-20 with no time: due by the end of the second day after, 11-22
    }
}
