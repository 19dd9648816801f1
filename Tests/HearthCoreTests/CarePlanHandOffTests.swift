import Foundation
import Testing
@testable import HearthCore

/// Issue 17: the plan of care is a physician's order. The signed version stays in force while changes are a draft, a
/// change needs its own signature, and a returned order closes only when corrected and resent or withdrawn.
@Suite struct CarePlanStandingTests {
    func link(_ version: Int, _ state: OrderState, kind: OrderKind = .interim) -> CarePlanOrderLink {
        CarePlanOrderLink(orderID: "o\(version)-\(state.rawValue)", kind: kind, version: version, state: state, physicianName: "Dr. Ana Ruiz")
    }

    @Test func beforeAnySignatureTheLatestVersionIsADraftAndIsFollowed() {
        let standing = CarePlanStanding(current: 3, orders: [])
        #expect(!standing.isSigned && standing.followed == 3 && standing.draft == 3)
        #expect(standing.changesFrom == nil) // nothing with the physician: the plan of care itself is sent, not a change
    }

    @Test func theSignedVersionStaysInForceWhileLaterVersionsAreADraft() {
        // setup: version 4 went as the plan of care and was signed; versions 5 and 6 were saved after it.
        let standing = CarePlanStanding(current: 6, orders: [link(4, .signed, kind: .planOfCareStartOfCare)])
        // check
        #expect(standing.inForce?.version == 4 && standing.followed == 4)
        #expect(standing.draft == 6 && standing.hasUnsentChanges)
        #expect(standing.changesFrom == 4)
    }

    @Test func aChangeSentIsAwaitedAndTheNextDraftCountsFromIt() {
        let sent = CarePlanStanding(current: 6, orders: [link(4, .signed, kind: .planOfCareStartOfCare), link(6, .sent)])
        #expect(sent.awaiting?.version == 6 && !sent.hasUnsentChanges && sent.followed == 4)
        let more = CarePlanStanding(current: 7, orders: [link(4, .signed, kind: .planOfCareStartOfCare), link(6, .sent)])
        #expect(more.hasUnsentChanges && more.changesFrom == 6)
    }

    @Test func onceTheChangeIsSignedItIsInForceAndReturnedOrWithdrawnOrdersCountForNothing() {
        let signed = CarePlanStanding(current: 6, orders: [link(4, .signed, kind: .planOfCareStartOfCare), link(6, .signed)])
        #expect(signed.followed == 6 && signed.draft == nil && !signed.hasUnsentChanges)
        let returned = CarePlanStanding(current: 6, orders: [link(4, .signed, kind: .planOfCareStartOfCare), link(6, .rejected), link(5, .withdrawn)])
        #expect(returned.followed == 4 && returned.awaiting == nil && returned.hasUnsentChanges)
    }
}

@Suite struct OrderWithdrawalTests {
    let physician = OrderPhysician(id: "dr", name: "Dr. Ana Ruiz")

    func returned() throws -> PhysicianOrder {
        var order = try PhysicianOrder(id: "o1", kind: .interim, physician: physician, document: "SN 3w4")
        try order.send(at: Date(timeIntervalSince1970: 0))
        try order.reject(by: "dr", comment: "Add a PT evaluation", at: Date(timeIntervalSince1970: 60))
        return order
    }

    @Test func aReturnedOrderIsWithdrawnOnlyWithAReasonAndThenNothingFollows() throws {
        var order = try returned()
        #expect(throws: PhysicianOrderError.withdrawalReasonRequired) { try order.withdraw(by: "Carla", reason: " ", at: Date()) }
        #expect(order.state == .rejected)
        try order.withdraw(by: "Carla", reason: "Replaced by the verbal order of today", at: Date())
        #expect(order.state == .withdrawn && !order.isUnsigned && order.withdrawal?.reason == "Replaced by the verbal order of today")
        #expect(throws: PhysicianOrderError.self) { try order.revise(document: "SN 2w4") }
        #expect(throws: PhysicianOrderError.self) { try order.send(at: Date()) }
        #expect(throws: PhysicianOrderError.withdrawn) { try order.withdraw(by: "Carla", reason: "again, twice", at: Date()) }
        // The withdrawal survives storage.
        let stored = try JSONDecoder().decode(PhysicianOrder.self, from: JSONEncoder().encode(order))
        #expect(stored.withdrawal == order.withdrawal && stored.state == .withdrawn)
    }

    @Test func aSignedOrderCannotBeWithdrawn() throws {
        var order = try PhysicianOrder(id: "o1", kind: .interim, physician: physician, document: "SN 3w4")
        try order.send(at: Date())
        try order.sign(as: OrderSigner(physicianID: "dr", name: "Ana Ruiz", credentials: "MD", reauthenticated: true), at: Date())
        #expect(throws: PhysicianOrderError.self) { try order.withdraw(by: "Carla", reason: "Changed my mind", at: Date()) }
        #expect(order.state == .signed)
    }
}

@Suite struct ReturnedOrderTaskTests {
    @Test func aReturnedOrdersTaskCarriesTheReasonAndClosesOnlyWithItsOrder() throws {
        // setup
        let fact = UnsignedOrderFact(patientID: "p", owner: "cm", order: UnsignedOrderAging.Item(
            orderID: "o1", physicianID: "dr", physicianName: "Dr. Ana Ruiz", state: .rejected, agingFrom: day("2026-03-01")),
            summary: "Interim (version 5): Frequency changed", returnedBecause: "Add a PT evaluation for gait")
        // act
        let task = try #require(WorklistRules.returnedOrderTask(fact, today: day("2026-03-02")))
        // check
        #expect(task.source == .returnedOrder && task.priority == .high && task.due == day("2026-03-02"))
        #expect(task.detail?.contains("\"Add a PT evaluation for gait\"") == true && task.detail?.contains("Interim (version 5)") == true)
        #expect(!task.source.closesByHand && task.source.closesWithItsOrder && task.source.clearsItself)
        #expect(WorklistRules.returnedOrderID(dedupeKey: task.dedupeKey) == "o1")
        #expect(WorklistRules.returnedOrderID(dedupeKey: "unsigned-order:o1:over30") == nil)
    }
}

@Suite struct PlanChangeSignatureTests {
    let events: [EpisodeFacts.Event] = [.init(.referralReceived(on: day("2026-11-20"))), .init(.admitted(startOfCare: day("2026-11-23")))]

    /// 42 CFR 484.60(c)(1): the plan is revised by the physician; the signed plan of care does not cover a later change.
    @Test func aChangeToThePlanIsOwedItsOwnSignatureAndOnlyThatSignatureMeetsIt() throws {
        // setup: the plan of care is signed; a change is sent on 2026-12-05, and the plan of care's signature exists.
        var facts = EpisodeFacts(events: events, records: [
            ComplianceRecord(id: "poc", kind: .planOfCareSigned, date: day("2026-11-25"), subject: "period:1"),
        ])
        facts.planChanges = [.init(id: "io-1", takenOn: day("2026-12-05"))]
        // act
        let open = try ClockFixture.obligation("plan-change-signed#1", facts, at: clockTime("2026-12-06 09:00"))
        // check: the plan of care stays met, the change is open until its own signature.
        #expect(try ClockFixture.obligation("plan-of-care-signed#1", facts, at: clockTime("2026-12-06 09:00")).state == .met(recordID: "poc", late: false))
        #expect(open.state == .open && open.window.dueDay == day("2027-01-04"))
        #expect(open.explanation.contains("a change to the plan of care was sent to the physician on 2026-12-05"))
        facts.records.append(ComplianceRecord(id: "s", kind: .planChangeSigned, date: day("2026-12-08"), subject: "io-1"))
        #expect(try ClockFixture.obligation("plan-change-signed#1", facts, at: clockTime("2026-12-09")).state == .met(recordID: "s", late: false))
    }
}
