import Foundation
import Testing
@testable import HearthCore

/// ICD-10-CM code format (ICD-10-CM Official Guidelines for Coding and Reporting, Section I.A).
@Suite struct ICD10Tests {
    @Test(arguments: [("I50.9", "I50.9"), ("i509", "I50.9"), (" E11.621 ", "E11.621"), ("I10", "I10"), ("T81.4XXA", "T81.4XXA"), ("z9981", "Z99.81")])
    func wellFormedCodesNormalize(typed: String, stored: String) {
        #expect(ICD10Code(typed)?.value == stored)
    }

    @Test(arguments: ["", "I5", "150.9", "IX0.9", "I50.99999", "I50-9", "E11.6*1", "ÉE11"])
    func malformedCodesAreRefused(typed: String) {
        #expect(ICD10Code(typed) == nil)
    }

    @Test func shippedCatalogLoadsAndSearches() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/ICD10/home-health-codes.tsv")
        let catalog = try ICD10Catalog(tsv: String(contentsOf: url, encoding: .utf8))
        #expect(catalog.entries.count >= 90)
        #expect(catalog.title(of: ICD10Code("I50.9")!) == "Heart failure, unspecified")
        #expect(catalog.search("heart failure").contains { $0.code.value == "I50.22" })
        #expect(catalog.search("E11.6").allSatisfy { $0.code.value.hasPrefix("E11.6") })
        #expect(catalog.search("e116").count >= 2)
    }

    @Test func badCatalogLineIsNamed() {
        #expect(throws: ICD10Catalog.CatalogError.self) { try ICD10Catalog(tsv: "I50.9\tHeart failure\nnot a code\tTitle\n") }
        do { _ = try ICD10Catalog(tsv: "# comment\nI50.9\tHeart failure\n150.9\tBad\n") } catch { #expect(error.line == 3) }
    }
}
