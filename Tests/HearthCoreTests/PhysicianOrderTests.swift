import Foundation
import Testing
@testable import HearthCore

enum OrderFixture {
    static let ruiz = OrderPhysician(id: "dr-ruiz", name: "Dr. Ana Ruiz")
    static let signer = OrderSigner(physicianID: "dr-ruiz", name: "Ana Ruiz", credentials: "MD", reauthenticated: true)
    static let sentAt = clockTime("2026-11-03 09:00")
    static let signedAt = clockTime("2026-11-05 14:05")

    static func sentPlan() throws -> PhysicianOrder {
        var order = try PhysicianOrder(id: "o1", kind: .planOfCareStartOfCare, physician: ruiz, document: "SN 2w4, 1w5, 3prn …")
        try order.send(at: sentAt)
        return order
    }
}

@Suite struct PhysicianOrderTests {
    @Test func theAddressedPhysicianSignsWithAManifestOnTheDocument() throws {
        // setup
        var order = try OrderFixture.sentPlan()
        // act
        try order.sign(as: OrderFixture.signer, at: OrderFixture.signedAt)
        // check
        let manifest = try #require(order.signature)
        #expect(order.state == .signed)
        #expect(manifest.meaning == .approvedPlanOfCare)
        #expect(manifest.documentSHA256 == SignatureManifest.sha256(Data("SN 2w4, 1w5, 3prn …".utf8)))
        #expect(manifest.matches(Data(order.document.utf8)))
        #expect(!manifest.matches(Data("SN 3w4, 1w5, 3prn …".utf8)))
        #expect(manifest.text(in: ClockFixture.newYork) == """
            Electronically signed by Ana Ruiz, MD
            Signed: 2026-11-05 14:05 UTC-5
            Meaning: Approved plan of care
            Document SHA-256: \(manifest.documentSHA256)
            """)
    }

    @Test func sha256IsTheStandardDigest() {
        #expect(SignatureManifest.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func anotherPhysicianCannotSignOrReject() throws {
        var order = try OrderFixture.sentPlan()
        let before = order
        let other = OrderSigner(physicianID: "dr-chen", name: "Li Chen", credentials: "DO", reauthenticated: true)
        #expect(throws: PhysicianOrderError.notAddressedToSigner(physician: "Dr. Ana Ruiz")) { try order.sign(as: other, at: .now) }
        #expect(throws: PhysicianOrderError.notAddressedToSigner(physician: "Dr. Ana Ruiz")) {
            try order.reject(by: "dr-chen", comment: "No", at: .now)
        }
        #expect(order == before)
    }

    @Test func signingNeedsAFreshPasswordEntry() throws {
        var order = try OrderFixture.sentPlan()
        var signer = OrderFixture.signer
        signer.reauthenticated = false
        #expect(throws: PhysicianOrderError.reauthenticationRequired) { try order.sign(as: signer, at: .now) }
        #expect(order.state == .sent && order.signature == nil)
    }

    @Test func aSignedOrderIsImmutable() throws {
        var order = try OrderFixture.sentPlan()
        try order.sign(as: OrderFixture.signer, at: OrderFixture.signedAt)
        let signed = order
        #expect(throws: PhysicianOrderError.signedOrderIsImmutable(signedBy: "Ana Ruiz", at: OrderFixture.signedAt)) {
            try order.sign(as: OrderFixture.signer, at: .now)
        }
        #expect(throws: PhysicianOrderError.self) { try order.edit(document: "changed") }
        #expect(throws: PhysicianOrderError.self) { try order.reject(by: "dr-ruiz", comment: "wait", at: .now) }
        #expect(throws: PhysicianOrderError.self) { try order.send(at: .now) }
        #expect(throws: PhysicianOrderError.self) { try order.revise(document: "changed") }
        #expect(order == signed)
        #expect(PhysicianOrderError.signedOrderIsImmutable(signedBy: "Ana Ruiz", at: OrderFixture.signedAt).description
            .contains("Write a new interim order"))
    }

    @Test func aRejectionNeedsACommentAndReturnsTheOrderForANewRevision() throws {
        var order = try OrderFixture.sentPlan()
        #expect(throws: PhysicianOrderError.commentRequired) { try order.reject(by: "dr-ruiz", comment: "  ", at: .now) }
        try order.reject(by: "dr-ruiz", comment: "Reduce SN to 1w9", at: OrderFixture.signedAt)
        #expect(order.state == .rejected)
        #expect(throws: PhysicianOrderError.notEditable(.rejected)) { try order.edit(document: "x") }
        #expect(throws: PhysicianOrderError.notAwaitingSignature(.rejected)) { try order.sign(as: OrderFixture.signer, at: .now) }
        try order.revise(document: "SN 1w9")
        #expect(order.state == .draft && order.revision == 2 && order.sentAt == nil)
        try order.send(at: OrderFixture.signedAt)
        try order.sign(as: OrderFixture.signer, at: OrderFixture.signedAt.addingTimeInterval(3600))
        #expect(order.rejections.map(\.comment) == ["Reduce SN to 1w9"])
        #expect(order.signature?.matches(Data("SN 1w9".utf8)) == true)
    }

    @Test func onlyADraftIsEditedAndOnlyASentOrderIsSigned() throws {
        var order = try PhysicianOrder(id: "o2", kind: .interim, physician: OrderFixture.ruiz, document: "Add PT 2w4")
        #expect(throws: PhysicianOrderError.notAwaitingSignature(.draft)) { try order.sign(as: OrderFixture.signer, at: .now) }
        try order.edit(document: "Add PT 2w4 for gait training")
        try order.send(at: .now)
        #expect(throws: PhysicianOrderError.notEditable(.sent)) { try order.edit(document: "x") }
        #expect(throws: PhysicianOrderError.cannotSend(.sent)) { try order.send(at: .now) }
        #expect(throws: PhysicianOrderError.documentRequired) {
            try PhysicianOrder(id: "o3", kind: .interim, physician: OrderFixture.ruiz, document: " ")
        }
        #expect(throws: PhysicianOrderError.verbalNeedsReceipt) {
            try PhysicianOrder(id: "o3", kind: .verbal, physician: OrderFixture.ruiz, document: "x")
        }
    }

    @Test func aVerbalOrderRecordsWhoTookAndReadItBackThenIsSignedLater() throws {
        #expect(throws: PhysicianOrderError.readBackRequired) {
            try PhysicianOrder.verbal(id: "v1", physician: OrderFixture.ruiz, document: "Lasix 40 mg daily", takenBy: "Ana RN",
                                      readBackBy: "", at: .now)
        }
        var order = try PhysicianOrder.verbal(id: "v1", physician: OrderFixture.ruiz, document: "Lasix 40 mg daily",
                                              takenBy: "Ana RN", readBackBy: "Ana RN", at: OrderFixture.sentAt)
        #expect(order.state == .received && order.isUnsigned)
        #expect(throws: PhysicianOrderError.notAwaitingSignature(.received)) { try order.sign(as: OrderFixture.signer, at: .now) }
        try order.send(at: OrderFixture.signedAt)
        try order.sign(as: OrderFixture.signer, at: OrderFixture.signedAt)
        #expect(order.signature?.meaning == .authenticatedVerbalOrder)
        #expect(order.verbal?.readBackBy == "Ana RN")
    }

    @Test func aStoredSignatureMustMatchItsDocument() throws {
        var order = try OrderFixture.sentPlan()
        try order.sign(as: OrderFixture.signer, at: OrderFixture.signedAt)
        #expect(throws: PhysicianOrderError.signatureDoesNotMatchDocument) {
            try PhysicianOrder(restoring: "o1", kind: .planOfCareStartOfCare, physician: OrderFixture.ruiz, document: "tampered",
                               state: .signed, signature: order.signature)
        }
        let restored = try PhysicianOrder(restoring: "o1", kind: .planOfCareStartOfCare, physician: OrderFixture.ruiz,
                                          document: order.document, state: .signed, sentAt: order.sentAt, signature: order.signature)
        #expect(restored == order)
        let json = try JSONEncoder().encode(order)
        #expect(try JSONDecoder().decode(PhysicianOrder.self, from: json) == order)
        let tampered = Data(String(decoding: json, as: UTF8.self).replacingOccurrences(of: "3prn", with: "9prn").utf8)
        #expect(throws: PhysicianOrderError.signatureDoesNotMatchDocument) { try JSONDecoder().decode(PhysicianOrder.self, from: tampered) }
    }
}

@Suite struct UnsignedOrderAgingTests {
    let today = day("2026-12-31")

    func item(_ id: String, _ physician: String, _ state: OrderState, sent: String?) -> UnsignedOrderAging.Item {
        .init(orderID: id, physicianID: physician, physicianName: "Dr. \(physician)", state: state, agingFrom: sent.map(day))
    }

    @Test func bucketsByDaysSinceSentPerPhysicianWithTotals() {
        // setup: 0, 15 | 16, 30 | 31 days since sent; a draft, a rejection and a signed order.
        let report = UnsignedOrderAging([
            item("a", "Ruiz", .sent, sent: "2026-12-31"), item("b", "Ruiz", .sent, sent: "2026-12-16"),
            item("c", "Ruiz", .sent, sent: "2026-12-15"), item("d", "Chen", .sent, sent: "2026-12-01"),
            item("e", "Chen", .sent, sent: "2026-11-30"), item("f", "Chen", .draft, sent: nil),
            item("g", "Ruiz", .rejected, sent: "2026-11-01"), item("h", "Ruiz", .signed, sent: "2026-10-01"),
            item("i", "Ng", .received, sent: "2026-12-20"),
        ], today: today)
        // check
        #expect(report.rows.map(\.physicianName) == ["Dr. Chen", "Dr. Ruiz", "Dr. Ng"])
        let chen = report.rows[0], ruiz = report.rows[1]
        #expect(UnsignedOrderAging.Bucket.allCases.map(chen.count) == [0, 1, 1])
        #expect(chen.notSent == 1 && chen.total == 3 && chen.oldestDays == 31 && chen.overdue == 1)
        #expect(UnsignedOrderAging.Bucket.allCases.map(ruiz.count) == [2, 1, 0])
        #expect(ruiz.notSent == 1 && ruiz.total == 4)
        #expect(UnsignedOrderAging.Bucket.allCases.map(report.totals.count) == [3, 2, 1])
        #expect(report.totals.total == 8 && report.totals.awaitingSignature == 6 && report.totals.notSent == 2)
    }

    @Test func overdueAfterThirtyDays() {
        #expect(!UnsignedOrderAging.isOverdue(item("a", "Ruiz", .sent, sent: "2026-12-01"), today: today))
        #expect(UnsignedOrderAging.isOverdue(item("a", "Ruiz", .sent, sent: "2026-11-30"), today: today))
        #expect(!UnsignedOrderAging.isOverdue(item("a", "Ruiz", .draft, sent: nil), today: today))
    }

    /// One definition of overdue (issue 19): CMS sets no day count, only that the plan is signed before the claim
    /// [42 CFR 409.43(c)]; the agency line is 30 days, and the report's 31+ bucket is exactly the overdue orders.
    @Test func overdueStartsOnDay31AndIsTheReportsOldestBucket() {
        #expect(!UnsignedOrderAging.isOverdue(daysSinceSent: 30))
        #expect(UnsignedOrderAging.isOverdue(daysSinceSent: 31))
        #expect(!UnsignedOrderAging.isOverdue(daysSinceSent: nil))
        for days in 0...62 {
            #expect((UnsignedOrderAging.Bucket(daysSinceSent: days) == .over30) == UnsignedOrderAging.isOverdue(daysSinceSent: days))
        }
    }

    @Test func anOrderIsAgedFromTheAgencyDayItWasSent() throws {
        // 23:30 in New York on 2026-11-30 is already December 1 in UTC.
        var order = try PhysicianOrder(id: "o1", kind: .interim, physician: OrderFixture.ruiz, document: "Add PT")
        try order.send(at: clockTime("2026-11-30 23:30"))
        #expect(UnsignedOrderAging.Item(order, timeZone: ClockFixture.newYork).agingFrom == day("2026-11-30"))
        #expect(order.isOverdue(today: today, timeZone: ClockFixture.newYork))
        #expect(!order.isOverdue(today: today, timeZone: TimeZone(identifier: "UTC")!))
    }
}
