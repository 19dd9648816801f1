import Fluent
import Foundation
import HearthCore
import Testing
import VaporTesting
@testable import HearthApp

extension AllTests {
    /// CMS's tables come from CMS's own files, imported by an administrator: a good file is loaded with its source and
    /// year and shown beside every number; one bad row (named by file and line) and nothing is loaded; with no table the
    /// pages say so instead of showing a number (issue 22).
    @Suite struct ReferenceTableImportTests {
        func file(_ name: String, _ text: String) throws -> String {
            let folder = NSTemporaryDirectory() + "hearth-reference-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = folder + "/" + name
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        func seeded(_ app: Application) async throws -> Browser {
            try await DemoHospital.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
            try await DemoUtilization.seed(now: Date(), zone: app.settings.agencyTimeZone, hasher: app.password, on: app.db)
            let browser = Browser(app)
            try await browser.login(DemoUtilization.username, password: DemoSeed.password)
            return browser
        }

        func reviewPage(_ family: String, _ browser: Browser, _ app: Application) async throws -> String {
            let id = try #require(try await HospitalStay.query(on: app.db).filter(\.$familyName == family).first()?.requireID())
            return try await browser.get(SiteURL.stayReview(id, .show).path).body.string
        }

        func unload(_ app: Application) async throws {
            try await MSDRGNormRecord.query(on: app.db).delete()
            try await InpatientOnlyCodeRecord.query(on: app.db).delete()
            try await ReferenceTableImport.query(on: app.db).delete()
        }

        @Test func theDemoTableIsMarkedAsNotCMSsBesideEveryNumber() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                // Baker's working DRG is 291; the demo's table names itself beside the figure.
                let page = try await reviewPage("Baker", browser, app)
                #expect(page.contains("GMLOS 3.9 (DRG 291; FY 2026, from Hearth demo, imported "))
                #expect(page.contains("Demo values for the Hearth demo, not CMS"))
                let queue = try await browser.get("/").body.string
                #expect(queue.contains("reason-past_gmlos") && !queue.contains("GMLOS not loaded"))
            }
        }

        @Test func aGoodFileIsImportedWithItsSourceAndYearAndUsedByTheReview() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                // setup: CMS's layout, its title above the header naming the year.
                let path = try file("FY2027-Table5.csv", """
                    "TABLE 5.--LIST OF MS-DRGS, RELATIVE WEIGHTING FACTORS, AND GEOMETRIC AND ARITHMETIC MEAN LENGTH OF STAY--FY 2027"
                    MS-DRG,FY 2027 Final Post-Acute DRG,MDC,TYPE,MS-DRG Title,Weights,Geometric mean LOS,Arithmetic mean LOS
                    291,Yes,05,MED,Heart failure and shock with MCC,1.3,7.7,8.8
                    292,Yes,05,MED,Heart failure and shock with CC,0.9,3.0,3.6
                    """)
                // act
                let summary = try await ReferenceTableStore.importFile(.gmlos, path: path, year: nil, by: "cli", on: app.db)
                // check
                #expect(summary == "Imported 2 MS-DRGs from FY2027-Table5.csv (FY 2027).")
                let current = try #require(try await ReferenceTableStore.current(.gmlos, on: app.db))
                #expect(current.year == 2027 && current.sourceFile == "FY2027-Table5.csv" && current.rowCount == 2 && current.importedAt != nil)
                let page = try await reviewPage("Baker", browser, app)
                #expect(page.contains("GMLOS 7.7 (DRG 291; FY 2027, from FY2027-Table5.csv, imported "))
                #expect(!page.contains("GMLOS 3.9"))
                #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "reference.import").count() >= 1)
                // A year that contradicts the file's is refused, and so is a file that names none without --year.
                await #expect(throws: CommandFailure.self) { try await ReferenceTableStore.importFile(.gmlos, path: path, year: 2026, by: "cli", on: app.db) }
                let unnamed = try file("gmlos.csv", "MS-DRG,MS-DRG Title,Geometric mean LOS\n291,Heart failure and shock with MCC,4.1\n")
                do {
                    _ = try await ReferenceTableStore.importFile(.gmlos, path: unnamed, year: nil, by: "cli", on: app.db)
                    Issue.record("a file without its year was imported")
                } catch let failure as CommandFailure {
                    #expect(failure.description.contains("give it with --year"))
                }
                #expect(try await ReferenceTableStore.importFile(.gmlos, path: unnamed, year: 2026, by: "cli", on: app.db).contains("(FY 2026)"))
            }
        }

        @Test func oneBadRowIsNamedByFileAndLineAndNothingIsImported() async throws {
            try await withHearth { app in
                _ = try await seeded(app)
                let before = try await ReferenceTableImport.query(on: app.db).count()
                let path = try file("addendum-e.csv", """
                    ADDENDUM E.-- HCPCS CODES THAT WOULD BE PAID ONLY AS INPATIENT PROCEDURES FOR CY 2027
                    HCPCS Code,Short Descriptor,CI,SI
                    33533,Cabg arterial single,,C
                    3394,Heart transplant,,C
                    """)
                do {
                    _ = try await ReferenceTableStore.importFile(.inpatientOnly, path: path, year: nil, by: "cli", on: app.db)
                    Issue.record("a file with a bad row was imported")
                } catch let refused as ReferenceTableStore.Refused {
                    #expect(refused.badRows == [#"addendum-e.csv:4: HCPCS code "3394" is not five letters or digits"#])
                    #expect(refused.summary.hasPrefix("Nothing was imported: 1 bad row in addendum-e.csv"))
                }
                #expect(try await ReferenceTableImport.query(on: app.db).count() == before)
                #expect(try await InpatientOnlyCodeRecord.query(on: app.db).filter(\.$code == "33533").count() == 1, "only the demo's row")
            }
        }

        @Test func withNoTableLoadedThePagesSaySoAndShowNoNumber() async throws {
            try await withHearth { app in
                let browser = try await seeded(app)
                try await unload(app)
                let page = try await reviewPage("Baker", browser, app)
                #expect(page.contains("GMLOS not loaded — an administrator imports CMS Table 5"))
                #expect(!page.contains("vs GMLOS 3.9") && !page.contains("LOS 0 days vs") && !page.contains("days vs GMLOS"))
                #expect(page.contains("Inpatient-only list not loaded — an administrator imports CMS Addendum E"))
                let queue = try await browser.get("/").body.string
                #expect(!queue.contains("reason-past_gmlos"))
                #expect(queue.contains("GMLOS not loaded — an administrator imports CMS Table 5"))
            }
        }
    }
}
