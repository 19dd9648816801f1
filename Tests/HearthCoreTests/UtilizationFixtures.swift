import Foundation
@testable import HearthCore

/// Test data for utilization review: small tables in CMS's CSV layouts, read through the same reader a hospital's
/// import uses. The figures are made up for the tests; Hearth ships none of CMS's (issue 22).
enum UtilizationFixtures {
    static let gmlosCSV = """
        Test values, not CMS's (FY 2026 layout)
        MS-DRG,MS-DRG Title,Geometric mean LOS,Arithmetic mean LOS
        291,Heart failure and shock with MCC,3.9,4.8
        871,Septicemia or severe sepsis without MV >96 hours with MCC,4.6,5.8
        """
    static let inpatientOnlyCSV = """
        HCPCS Code,Short Descriptor,CI,SI
        33533,Coronary bypass with one arterial graft,,C
        """

    static let norms: LengthOfStayNorms = {
        let read = CMSTableCSV.gmlos(gmlosCSV, file: "test-gmlos.csv")
        return LengthOfStayNorms(fiscalYear: read.year ?? 0, source: "test table", drgs: Dictionary(uniqueKeysWithValues: read.rows.map { ($0.drg, $0.figures) }))
    }()

    static let inpatientOnly: InpatientOnlyList = {
        let read = CMSTableCSV.inpatientOnly(inpatientOnlyCSV, file: "test-ipo.csv")
        return InpatientOnlyList(year: 2026, source: "test list", codes: Dictionary(uniqueKeysWithValues: read.rows.map { ($0.code, $0.descriptor) }))
    }()

    static let rules = UtilizationRules(
        lengthOfStay: norms, inpatientOnly: inpatientOnly,
        payers: try! PayerReviewRules(json: Data(contentsOf: ClockFixture.rulesURL.deletingLastPathComponent().appendingPathComponent("utilization-review.json"))))
}
