import Foundation
import Testing
@testable import HearthCore

/// Reading CMS's tables as a hospital saves them to CSV: the header found under the title, every bad row by file and
/// line, nothing importable unless every row is good (issue 22).
@Suite struct CMSTableCSVTests {
    @Test func aTable5FileIsReadUnderItsTitleWithItsYear() throws {
        let text = """
            "TABLE 5.--LIST OF MS-DRGS, RELATIVE WEIGHTING FACTORS, AND GEOMETRIC AND ARITHMETIC MEAN LENGTH OF STAY--FY 2026"
            MS-DRG,FY 2026 Final Post-Acute DRG,MDC,TYPE,MS-DRG Title,Weights,Geometric mean LOS,Arithmetic mean LOS
            001,No,PRE,SURG,Heart transplant or implant of heart assist system with MCC,26.1,28.9,35.2

            "291",Yes,05,MED,"Heart failure and shock with MCC",1.3,3.9,4.8
            015,No,PRE,SURG,A DRG without cases,0,0.0,0.0
            """
        let read = CMSTableCSV.gmlos(text, file: "table5.csv")
        #expect(read.badRows.isEmpty)
        #expect(read.year == 2026 && read.title.hasPrefix("TABLE 5.--LIST OF MS-DRGS"))
        let rows = try #require(read.importable)
        #expect(rows.map(\.drg) == ["001", "291"])
        #expect(rows[1].figures == .init(title: "Heart failure and shock with MCC", gmlos: 3.9, amlos: 4.8))
        #expect(read.leftOut == 1)
    }

    @Test func everyBadRowIsNamedByFileAndLineAndNothingIsImportable() {
        let text = """
            MS-DRG,MS-DRG Title,Geometric mean LOS,Arithmetic mean LOS
            291,Heart failure and shock with MCC,3.9,4.8
            29X,Typo,2.0,2.5
            292,Heart failure and shock with CC,n/a,3.6
            291,Again,3.9,4.8
            293,Heart failure and shock without CC/MCC
            """
        let read = CMSTableCSV.gmlos(text, file: "table5.csv")
        #expect(read.importable == nil)
        #expect(read.badRows.map(\.description) == [
            #"table5.csv:3: MS-DRG "29X" is not a DRG number (1 to 999)"#,
            #"table5.csv:4: Geometric mean LOS "n/a" for MS-DRG 292 is not a number of days"#,
            "table5.csv:5: MS-DRG 291 is also on line 2",
            "table5.csv:6: has 2 fields but the header has 4; quote any field that contains a comma",
        ])
    }

    @Test func aFileWithoutTheColumnsSaysWhichHeaderItNeeds() {
        let none = CMSTableCSV.gmlos("DRG number,weight\n291,1.3\n", file: "weights.csv")
        #expect(none.badRows.first?.description.contains("the file needs a header like: MS-DRG,MS-DRG Title,Geometric mean LOS,Arithmetic mean LOS") == true)
        let noTitle = CMSTableCSV.gmlos("MS-DRG,Weights,Geometric mean LOS\n291,1.3,3.9\n", file: "t.csv")
        #expect(noTitle.badRows.map(\.description) == ["t.csv:1: the header has no MS-DRG Title column; expected: MS-DRG,MS-DRG Title,Geometric mean LOS,Arithmetic mean LOS"])
        let empty = CMSTableCSV.gmlos("MS-DRG,MS-DRG Title,Geometric mean LOS\n", file: "t.csv")
        #expect(empty.importable == nil && empty.badRows.first?.reason == "no rows under the header")
        let broken = CMSTableCSV.gmlos("MS-DRG,MS-DRG Title,Geometric mean LOS\n291,\"Heart failure,3.9\n", file: "t.csv")
        #expect(broken.importable == nil && broken.badRows.first?.line == 2)
    }

    // 42 CFR 419.22(n): the inpatient-only list is the codes with status indicator C; Addendum B rows of any other
    // indicator are left out, and a code that is not five letters or digits is a bad row.
    @Test func anAddendumEFileKeepsStatusIndicatorC() throws {
        let text = """
            ADDENDUM E.-- HCPCS CODES THAT WOULD BE PAID ONLY AS INPATIENT PROCEDURES FOR CY 2026
            HCPCS Code,Short Descriptor,CI,SI
            33533,Cabg arterial single,,C
            0596T,A category III code,NI,C
            99213,Office visit,,V
            """
        let read = CMSTableCSV.inpatientOnly(text, file: "addendum-e.csv")
        let rows = try #require(read.importable)
        #expect(read.year == 2026 && rows.map(\.code) == ["33533", "0596T"] && read.leftOut == 1)
        let bad = CMSTableCSV.inpatientOnly("HCPCS Code,Short Descriptor\n3353,Short code\n33533,\n", file: "e.csv")
        #expect(bad.badRows.map(\.description) == [#"e.csv:2: HCPCS code "3353" is not five letters or digits"#, "e.csv:3: HCPCS 33533 has no short descriptor"])
    }
}
