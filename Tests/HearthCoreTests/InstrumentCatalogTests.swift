import Foundation
import Testing
@testable import HearthCore

/// The instruments shipped in `Resources/Instruments`, loaded the way the app loads them at start-up.
enum ShippedInstruments {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Instruments")

    static let catalog: InstrumentCatalog = {
        do { return try InstrumentCatalog(directory: directory) } catch { fatalError("\(error)") }
    }()

    static func definition(_ id: String) -> InstrumentDefinition {
        guard let definition = catalog[id] else { fatalError("No shipped instrument \(id)") }
        return definition
    }
}

/// The catalog refuses what would make two instruments ambiguous, and every shipped file passes validation.
@Suite struct InstrumentCatalogTests {
    @Test func everyShippedInstrumentLoads() {
        let ids = Set(ShippedInstruments.catalog.instruments.map(\.id))
        #expect(ids == ["phq2", "phq9", "steadi", "lace", "pain", "adl", "iadl", "home-assessment"])
        for definition in ShippedInstruments.catalog.instruments {
            #expect(!definition.source.isEmpty && !definition.licence.isEmpty, "\(definition.id) must cite its source and licence")
        }
    }

    @Test func duplicateInstrumentIDsAreRefused() throws {
        let data = try Data(contentsOf: ShippedInstruments.directory.appendingPathComponent("phq2.json"))
        do {
            _ = try InstrumentCatalog(files: [("phq2.json", data), ("phq2-copy.json", data)])
            Issue.record("a reused instrument id must be refused")
        } catch {
            #expect(error.problem == .duplicateInstrument(id: "phq2", otherSource: "phq2.json"))
            #expect(error.source == "phq2-copy.json")
        }
    }

    @Test func aBrokenFileNamesItselfInOneLine() {
        let files: [(name: String, data: Data)] = [("bad.json", Data("{\"id\": \"x\"".utf8))]
        do {
            _ = try InstrumentCatalog(files: files)
            Issue.record("broken JSON must be refused")
        } catch {
            #expect(error.description.hasPrefix("Instrument definition bad.json: not valid instrument JSON"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func missingFieldIsNamedWithItsPath() {
        let json = #"{"id":"x","version":"1","title":"X","summary":"","source":"s","licence":"l","sections":[{"id":"s","title":"S","items":[{"id":"a","type":"yesNo"}]}]}"#
        do {
            _ = try InstrumentDefinition(json: Data(json.utf8), source: "x.json")
            Issue.record("a missing item text must be refused")
        } catch {
            #expect(error.description == "Instrument definition x.json: not valid instrument JSON (missing 'text' at sections[0].items[0]). Fix the file and restart.")
        }
    }

    @Test func definitionsRoundTripThroughJSON() throws {
        let phq9 = ShippedInstruments.definition("phq9")
        let copy = try JSONDecoder().decode(InstrumentDefinition.self, from: JSONEncoder().encode(phq9))
        #expect(copy == phq9)
        #expect(phq9.item("phq9_1")?.options.count == 4) // filled from the shared option set
    }
}

/// Assessment kinds [42 CFR 484.55]: the comprehensive assessment at SOC, ROC, recertification and discharge.
@Suite struct AssessmentKindTests {
    @Test func rawValuesAreSnakeCase() {
        #expect(AssessmentKind.allCases.map(\.rawValue) == ["start_of_care", "resumption_of_care", "recertification", "follow_up", "transfer", "discharge"])
        #expect(AssessmentKind(rawValue: "start_of_care")?.title == "Start of care")
    }

    @Test func comprehensiveAssessmentByDefault() {
        for kind in [AssessmentKind.startOfCare, .resumptionOfCare, .recertification, .discharge] {
            #expect(ShippedInstruments.catalog.defaults(for: kind).map(\.id) == ["home-assessment"])
        }
        #expect(ShippedInstruments.catalog.defaults(for: .followUp).isEmpty)
        #expect(ShippedInstruments.catalog.defaults(for: .transfer).isEmpty)
    }
}
