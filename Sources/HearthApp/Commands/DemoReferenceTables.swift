import Fluent
import Foundation
import HearthCore

/// The demo's stand-ins for CMS's tables, loaded through the same import a hospital uses for CMS's own files. Their
/// title says what they are, and the pages show that title beside every number: they are made up for the demo and
/// must never be read as CMS's. A database that already has a table of a kind keeps it.
enum DemoReferenceTables {
    static let mark = "Demo values for the Hearth demo, not CMS's"

    static let gmlosCSV = """
        \(mark) (laid out like IPPS Table 5, FY 2026)
        MS-DRG,MS-DRG Title,Geometric mean LOS,Arithmetic mean LOS
        190,Chronic obstructive pulmonary disease with MCC,3.4,4.1
        191,Chronic obstructive pulmonary disease with CC,2.9,3.4
        193,Simple pneumonia and pleurisy with MCC,4.0,4.8
        194,Simple pneumonia and pleurisy with CC,3.1,3.7
        195,Simple pneumonia and pleurisy without CC/MCC,2.5,2.9
        291,Heart failure and shock with MCC,3.9,4.8
        292,Heart failure and shock with CC,3.0,3.6
        293,Heart failure and shock without CC/MCC,2.3,2.7
        470,Major hip and knee joint replacement without MCC,1.9,2.2
        481,Hip and femur procedures except major joint with CC,4.0,4.5
        603,Cellulitis without MCC,3.0,3.6
        638,Diabetes with CC,2.8,3.4
        690,Kidney and urinary tract infections without MCC,2.6,3.1
        871,Septicemia or severe sepsis without MV >96 hours with MCC,4.6,5.8
        872,Septicemia or severe sepsis without MV >96 hours without MCC,3.3,3.9
        """

    static let inpatientOnlyCSV = """
        \(mark) (laid out like OPPS Addendum E, CY 2026)
        HCPCS Code,Short Descriptor,CI,SI
        33533,Coronary bypass with one arterial graft,,C
        33945,Heart transplant,,C
        44140,Partial colectomy with anastomosis,,C
        47135,Liver transplant,,C
        """

    static func seed(on db: any Database) async throws {
        if try await ReferenceTableStore.current(.gmlos, on: db) == nil {
            let read = CMSTableCSV.gmlos(gmlosCSV, file: "Hearth demo")
            let (rows, year) = try ReferenceTableStore.checked(read, year: nil)
            try await ReferenceTableStore.save(.gmlos, read, year: year, by: "demo", on: db) { id in rows.map { MSDRGNormRecord(importID: id, $0) } }
        }
        if try await ReferenceTableStore.current(.inpatientOnly, on: db) == nil {
            let read = CMSTableCSV.inpatientOnly(inpatientOnlyCSV, file: "Hearth demo")
            let (rows, year) = try ReferenceTableStore.checked(read, year: nil)
            try await ReferenceTableStore.save(.inpatientOnly, read, year: year, by: "demo", on: db) { id in rows.map { InpatientOnlyCodeRecord(importID: id, $0) } }
        }
    }
}
