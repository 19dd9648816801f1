import Foundation
import Testing
@testable import HearthCore

/// Only billable ICD-10-CM codes are recorded: "A code is invalid if it has not been coded to the full number of characters
/// required for that code, including the 7th character, if applicable" (ICD-10-CM Official Guidelines for Coding and
/// Reporting FY2026, Section I.B.2, Level of Detail in Coding). Code set: CDC/NCHS ICD-10-CM, April 1, 2026 release.
@Suite struct ICD10CodeSetTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/ICD10")
    /// Read once for every test in the process.
    static func codes() throws -> ICD10CodeSet { try .shared(contentsOf: folder.appendingPathComponent("icd10cm-2026.tsv").path) }
    static func quickPicks() throws -> ICD10Catalog {
        try ICD10Catalog(tsv: String(contentsOf: folder.appendingPathComponent("home-health-codes.tsv"), encoding: .utf8))
    }

    func check(_ typed: String) throws -> Result<ICD10CodeSet.Entry, ICD10CodeSet.CodeProblem> {
        try Self.codes().check(try #require(ICD10Code(typed)), examples: Self.quickPicks())
    }

    func problem(_ typed: String) throws -> String {
        guard case .failure(let problem) = try check(typed) else { Issue.record("\(typed) was accepted"); return "" }
        return problem.description
    }

    @Test func theFY2026SetHoldsEveryBillableCodeAndHeader() throws {
        let codes = try Self.codes()
        #expect(codes.billableCount == 74_719) // the FY2026 code count; the extract script cross-checks it with the release's code list
        #expect(codes.count - codes.billableCount == 23_467)
    }

    @Test(arguments: [
        ("E11.621", "E11.621", "Type 2 diabetes mellitus with foot ulcer"),
        ("S72.001A", "S72.001A", "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture"),
        ("T81.40XA", "T81.40XA", "Infection following a procedure, unspecified, initial encounter"),
        ("E11.A", "E11.A", "Type 2 diabetes mellitus without complications in remission"), // new for FY2026 (October 1, 2025)
        ("I10", "I10", "Essential (primary) hypertension"),
        ("e11621", "E11.621", "Type 2 diabetes mellitus with foot ulcer"),
        (" s72001a ", "S72.001A", "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture"),
    ])
    func billableCodesAreRecordedWithTheirOfficialDescription(typed: String, stored: String, title: String) throws {
        let entry = try check(typed).get()
        #expect(entry.code.value == stored && entry.title == title && entry.isBillable)
    }

    @Test func aCategoryAsksForMoreCharactersWithAQuickPickAsExample() throws {
        #expect(try problem("E11.6") == "E11.6 is a category (Type 2 diabetes mellitus with other specified complications), not a billable code: "
            + "add more characters, e.g. E11.621 (Type 2 diabetes mellitus with foot ulcer).")
        #expect(try problem("G35").hasPrefix("G35 is a category (Multiple sclerosis), not a billable code: add more characters, e.g. G35.D"))
    }

    @Test func aCodeWithoutItsSeventhCharacterAsksForIt() throws {
        #expect(try problem("S72.001") == "S72.001 needs its 7th character: add it, e.g. S72.001A "
            + "(Fracture of unspecified part of neck of right femur, initial encounter for closed fracture).")
        #expect(try problem("T81.40X").hasPrefix("T81.40X needs its 7th character: add it, e.g. T81.40XA"))
    }

    @Test func aSeventhCharacterWithoutThePlaceholderNamesTheCode() throws {
        #expect(try problem("T81.40A").contains("needs the placeholder X, as in T81.40XA (Infection following a procedure, unspecified, initial encounter)"))
    }

    @Test func madeUpCodesAreNotICD10CM() throws {
        #expect(try problem("Z99.99") == "Z99.99 is not an ICD-10-CM code: check it against the referral. Codes under Z99 "
            + "(Dependence on enabling machines and devices, not elsewhere classified) include Z99.11 (Dependence on respirator [ventilator] status).")
        #expect(try problem("E11.621x") == "E11.621X is not an ICD-10-CM code: check it against the referral. "
            + "The nearest code is E11.621 (Type 2 diabetes mellitus with foot ulcer).")
        #expect(try problem("U99.1") == "U99.1 is not an ICD-10-CM code: check it against the referral or the physician's order.")
        #expect(try problem("T81.4XXA").hasPrefix("T81.4XXA is not an ICD-10-CM code")) // deleted for FY2024, split by depth
    }

    @Test func theDraftRecordsTheOfficialDescriptionAndExplainsEachField() throws {
        let codes = try Self.codes()
        let today = try #require(CalendarDate("2026-12-03"))
        let coded = try DiagnosisDraft(code: "s72001d", rank: "primary", onset: "2026-11-20").coded(today: today, codes: codes).get()
        #expect(coded.code.value == "S72.001D" && coded.rank == .primary && coded.onset == CalendarDate("2026-11-20"))
        #expect(coded.title == "Fracture of unspecified part of neck of right femur, subsequent encounter for closed fracture with routine healing")
        #expect(DiagnosisDraft(code: "", rank: "primary", onset: "").problems(today: today, codes: codes)["code"]?.hasPrefix("Enter the ICD-10-CM code") == true)
        #expect(DiagnosisDraft(code: "150.9", rank: "primary", onset: "").problems(today: today, codes: codes)["code"]?.contains("such as I50.9") == true)
        #expect(DiagnosisDraft(code: "Z99.99", rank: "", onset: "").problems(today: today, codes: codes, examples: try Self.quickPicks()) == [
            "code": "Z99.99 is not an ICD-10-CM code: check it against the referral. Codes under Z99 (Dependence on enabling machines and devices, "
                + "not elsewhere classified) include Z99.11 (Dependence on respirator [ventilator] status).",
            "rank": "Choose primary or secondary.",
        ])
        #expect(DiagnosisDraft(code: "I10", rank: "secondary", onset: "2026-12-04").problems(today: today, codes: codes) == ["onset": "The onset cannot be in the future."])
    }

    @Test func everyQuickPickIsBillableWithItsOfficialTitle() throws {
        let codes = try Self.codes()
        for pick in try Self.quickPicks().entries {
            #expect(codes[pick.code] == .init(code: pick.code, title: pick.title, isBillable: true), "\(pick.code)")
        }
    }

    @Test func codesUnderAPrefixAreBillableOnesInOrder() throws {
        let codes = try Self.codes().billable(under: try #require(ICD10Code("E11.62")), limit: 10).map(\.code.value)
        #expect(codes == ["E11.620", "E11.621", "E11.622", "E11.628"])
    }

    @Test func aBadOrUnorderedLineIsNamed() {
        #expect(throws: ICD10CodeSet.FormatError.self) { try ICD10CodeSet(tsv: Array("# header\nI50.9\t1\tHeart failure, unspecified\nI50\tHeart failure\n".utf8)) }
        do { _ = try ICD10CodeSet(tsv: Array("I50.9\t1\tHeart failure, unspecified\nI50\t0\tHeart failure\n".utf8)) } catch { #expect(error.line == 2) }
        #expect((try? ICD10CodeSet(tsv: Array("I50\t0\tHeart failure\nI50.9\t1\tHeart failure, unspecified\n".utf8)))?.billableCount == 1)
    }
}
