import Foundation
import Testing
@testable import HearthCore

/// Refills: a fill runs out on last fill + days' supply; the refill is due 7 days before (our working lead).
@Suite struct MedicationRefillTests {
    /// A 30-day fill on 2026-11-01 covers November 1–30.
    let supply = RefillSupply(daysSupply: 30, lastFilled: day("2026-11-01"))!

    @Test func runsOutAndRefillDue() {
        #expect(supply.runsOut == day("2026-12-01"))
        #expect(supply.refillDue == day("2026-11-24"))
        #expect(RefillSupply.refillLeadDays == 7)
    }

    @Test(arguments: [
        ("2026-11-01", RefillStatus.ok(daysLeft: 30)),
        ("2026-11-23", .ok(daysLeft: 8)),
        ("2026-11-24", .due(daysLeft: 7)),
        ("2026-11-30", .due(daysLeft: 1)),
        ("2026-12-01", .overdue(daysLate: 1)),
        ("2026-12-05", .overdue(daysLate: 5)),
    ])
    func statusAtTheBoundaries(date: String, status: RefillStatus) {
        #expect(supply.status(on: day(date)) == status)
    }

    /// A fill shorter than the lead is due from the day it is filled.
    @Test func aShortFillIsDueAtOnce() {
        let week = RefillSupply(daysSupply: 5, lastFilled: day("2026-11-20"))!
        #expect(week.status(on: day("2026-11-20")) == .due(daysLeft: 5))
    }

    @Test func ninetyDaysAcrossTheNewYear() {
        let ninety = RefillSupply(daysSupply: 90, lastFilled: day("2026-12-15"))!
        #expect(ninety.runsOut == day("2027-03-15"))
        #expect(ninety.refillDue == day("2027-03-08"))
    }

    @Test func daysSupplyIsOneToAYear() throws {
        #expect(RefillSupply(daysSupply: 0, lastFilled: day("2026-11-01")) == nil)
        #expect(RefillSupply(daysSupply: 366, lastFilled: day("2026-11-01")) == nil)
        #expect(RefillSupply(daysSupply: 365, lastFilled: day("2026-11-01")) != nil)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RefillSupply.self, from: Data(#"{"daysSupply": 0, "lastFilled": "2026-11-01"}"#.utf8))
        }
        #expect(try JSONDecoder().decode(RefillSupply.self, from: JSONEncoder().encode(supply)) == supply)
    }

    @Test func statusesSayWhatToDo() {
        #expect(RefillStatus.due(daysLeft: 5).description == "Refill due: 5 days left. Ask the pharmacy or prescriber now.")
        #expect(RefillStatus.overdue(daysLate: 1).description
                == "Out of medication for 1 day, counting today. Call the pharmacy and the prescriber today.")
    }
}
