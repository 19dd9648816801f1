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

    @Test func theSameVersionDefinedTwiceIsRefused() throws {
        let data = try Data(contentsOf: ShippedInstruments.directory.appendingPathComponent("phq2.json"))
        do {
            _ = try InstrumentCatalog(files: [("phq2.json", data), ("history/phq2-copy.json", data)])
            Issue.record("a reused instrument id and version must be refused")
        } catch {
            #expect(error.problem == .duplicateVersion(id: "phq2", version: "1.0", otherSource: "phq2.json"))
            #expect(error.source == "history/phq2-copy.json")
        }
    }

    /// An instrument keeps its old versions: new assessments get the newest, a signed one keeps the wording it was
    /// signed on (MISSION.md: signed assessments are locked; issue 4: instruments are versioned files).
    @Test func newAssessmentsGetTheNewestVersionAndOldOnesStayReachable() throws {
        let original = try Data(contentsOf: ShippedInstruments.directory.appendingPathComponent("phq2.json"))
        let revised = try Self.phq2(version: "1.10", firstLabel: "Little interest")
        let between = try Self.phq2(version: "1.9", firstLabel: "Interest")
        let catalog = try InstrumentCatalog(files: [("phq2.json", revised), ("history/phq2-1.0.json", original), ("history/phq2-1.9.json", between)])
        #expect(catalog["phq2"]?.version == "1.10", "1.10 is newer than 1.9: versions compare number by number")
        #expect(catalog.versions(of: "phq2").map(\.version) == ["1.0", "1.9", "1.10"])
        #expect(catalog.instruments.filter { $0.id == "phq2" }.count == 1, "the pick list offers one PHQ-2")
        let old = try #require(catalog["phq2", version: "1.0"])
        #expect(old.items.first?.label != "Little interest")
        #expect(catalog["phq2", version: "1.10"]?.items.first?.label == "Little interest")
        #expect(catalog["phq2", version: "3.0"] == nil)
        #expect(catalog.allVersions.count == 3)
    }

    @Test func aVersionThatIsNotANumberIsRefused() throws {
        for bad in ["", "v2", "1..0", "1.0-beta", "+1", "1.-1", "1.00", "01.0", "١.٠"] {
            let data = try Self.phq2(version: bad, firstLabel: "Interest")
            let expected: InstrumentDefinitionProblem = bad.isEmpty ? .missingText("version") : .badVersion(bad)
            do {
                _ = try InstrumentCatalog(files: [("phq2.json", data)])
                Issue.record("version '\(bad)' must be refused")
            } catch {
                #expect(error.problem == expected)
            }
        }
        #expect(InstrumentVersion("2") != nil && InstrumentVersion("2.0.1") != nil)
    }

    /// The fingerprint is what start-up compares with what was installed before: spacing and key order are not a
    /// change, a reworded item is.
    @Test func theFingerprintFollowsContentNotLayout() throws {
        let data = try Data(contentsOf: ShippedInstruments.directory.appendingPathComponent("phq2.json"))
        let object = try JSONSerialization.jsonObject(with: data)
        let relaidOut = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .withoutEscapingSlashes])
        let reworded = try Self.phq2(version: "1.0", firstLabel: "Interest")
        let one = try InstrumentCatalog(files: [("phq2.json", data)])
        let two = try InstrumentCatalog(files: [("phq2.json", relaidOut)])
        let three = try InstrumentCatalog(files: [("phq2.json", reworded)])
        let definition = try #require(one["phq2"])
        #expect(one.fingerprint(of: definition).count == 64)
        #expect(one.fingerprint(of: definition) == two.fingerprint(of: definition))
        #expect(one.fingerprint(of: definition) != three.fingerprint(of: definition))
    }

    /// The headline and the comprehensive-assessment role say how Hearth uses an instrument, not what it asks: they are
    /// left out of the fingerprint, so adding them to a version already in use is not a change in place.
    @Test func headlineAndRoleAreNotFingerprinted() throws {
        let data = try Data(contentsOf: ShippedInstruments.directory.appendingPathComponent("lace.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let with = try InstrumentCatalog(files: [("lace.json", data)])
        object["headline"] = "l"
        object["comprehensiveAssessment"] = true
        let changedRole = try InstrumentCatalog(files: [("lace.json", try JSONSerialization.data(withJSONObject: object))])
        object["title"] = "LACE"
        let retitled = try InstrumentCatalog(files: [("lace.json", try JSONSerialization.data(withJSONObject: object))])
        let definition = try #require(with["lace"])
        #expect(with.fingerprint(of: definition) == changedRole.fingerprint(of: definition))
        #expect(with.fingerprint(of: definition) != retitled.fingerprint(of: definition))
    }

    /// Every instrument that scores names its headline (issue 18, finding 8); only the comprehensive home assessment
    /// carries the content 42 CFR 484.55(c) requires of a comprehensive assessment (finding 7).
    @Test func everyScoredInstrumentNamesItsHeadlineAndOnlyOneIsComprehensive() {
        for definition in ShippedInstruments.catalog.allVersions where !definition.scoring.isEmpty {
            #expect(definition.headline.flatMap(definition.rule) != nil, "\(definition.id) \(definition.version)")
        }
        #expect(ShippedInstruments.catalog.instruments.filter(\.comprehensiveAssessment).map(\.id) == [AssessmentKind.comprehensiveInstrumentID])
    }

    /// A draft moved to a newer version keeps the answers that version still asks and accepts; the rest are named.
    @Test func aDraftMovedToANewVersionKeepsTheAnswersThatStillFit() throws {
        let data = try Data(contentsOf: ShippedInstruments.directory.appendingPathComponent("pain.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var sections = try #require(object["sections"] as? [[String: Any]])
        var items = try #require(sections[0]["items"] as? [[String: Any]])
        items[0]["max"] = 5 // a 0–5 scale in the new version: a 7 no longer fits
        sections[0]["items"] = items
        (object["sections"], object["version"]) = (sections, "2.0")
        let newer = try InstrumentDefinition(json: try JSONSerialization.data(withJSONObject: object), source: "pain.json")
        let answers = AssessmentAnswers(["pain_score": .number(7), "pain_interferes": .yesNo(true), "retired_item": .yesNo(false)])
        let moved = newer.carryOver(answers)
        // The score no longer fits, so its follow-up question is no longer asked either.
        #expect(moved.kept.values.isEmpty)
        #expect(moved.dropped == ["pain_interferes", "pain_score", "retired_item"])
        let mild = newer.carryOver(AssessmentAnswers(["pain_score": .number(3), "pain_interferes": .yesNo(true)]))
        #expect(mild.kept == AssessmentAnswers(["pain_score": .number(3), "pain_interferes": .yesNo(true)]) && mild.dropped.isEmpty)
    }

    /// The shipped PHQ-2 with another version number and its first item relabelled.
    static func phq2(version: String, firstLabel: String) throws -> Data {
        let data = try Data(contentsOf: ShippedInstruments.directory.appendingPathComponent("phq2.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["version"] = version
        var sections = try #require(object["sections"] as? [[String: Any]])
        var items = try #require(sections[0]["items"] as? [[String: Any]])
        items[0]["label"] = firstLabel
        sections[0]["items"] = items
        object["sections"] = sections
        return try JSONSerialization.data(withJSONObject: object)
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
        #expect(AssessmentKind.allCases.map(\.rawValue) == ["start_of_care", "resumption_of_care", "recertification", "follow_up", "transfer", "discharge", "death_at_home"])
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
