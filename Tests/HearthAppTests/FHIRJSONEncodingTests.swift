import Foundation
import Testing
@testable import HearthApp

extension AllTests {
    /// Every FHIR body is built by one encoder that leaves out what R4 JSON forbids (http://hl7.org/fhir/R4/json.html:
    /// "empty arrays, objects and nulls are not allowed") and written once (issue 19).
    @Suite struct FHIRJSONEncodingTests {
        struct Dose: Encodable { var value: Decimal?; var unit: String? }
        struct Sample: Encodable {
            var resourceType = "Observation"
            var id = "o-1"
            var note: [String] = []
            var component: [Dose] = [Dose(value: nil, unit: nil)]
            var dose = Dose(value: Decimal(string: "2.5"), unit: "mg")
            var count = 3
            var text: String? = nil
            var summary = "line one\n\"quoted\" \\ done"
        }

        @Test func resourcesAreEncodedWithoutEmptyArraysObjectsOrNulls() throws {
            // act
            let json = try FHIRJSON(encoding: Sample())
            let text = String(decoding: json.jsonBytes, as: UTF8.self)

            // check: empties are gone at every depth; values keep their JSON types; the text parses back to the same tree
            #expect(json["note"] == nil)
            #expect(json["component"] == nil, "an array of empty objects is empty")
            #expect(json["text"] == nil)
            #expect(json["dose"] == .object(["value": .number(2.5), "unit": .string("mg")]))
            #expect(json["count"] == .number(3))
            #expect(text.hasPrefix(#"{"resourceType":"Observation","id":"o-1","count":3,"#))
            #expect(!text.contains("[]") && !text.contains("{}") && !text.contains("null"))
            #expect(try JSONDecoder().decode(FHIRJSON.self, from: Data(text.utf8)) == json)
        }

        @Test func aHandBuiltValueIsWrittenWithoutItsEmpties() throws {
            // setup: a searchset that found nothing
            let bundle = FHIRJSON.object(["resourceType": .string("Bundle"), "entry": .array([]), "link": .array([.object([:]), .null])])

            // act / check
            #expect(String(decoding: bundle.jsonBytes, as: UTF8.self) == #"{"resourceType":"Bundle"}"#)
            #expect(String(decoding: FHIRJSON.object([:]).jsonBytes, as: UTF8.self) == "{}")
        }

        @Test func theVersionChangesWithTheContentAndOnlyWithIt() throws {
            // setup
            var changed = Sample()
            changed.count = 4
            var sameButMeta = try FHIRJSON(encoding: Sample())
            sameButMeta["meta"] = .object(["lastUpdated": .string("2026-12-03T12:00:00Z")])

            // check
            #expect(try FHIRJSON(encoding: Sample()).versionID == sameButMeta.versionID)
            #expect(try FHIRJSON(encoding: Sample()).versionID != FHIRJSON(encoding: changed).versionID)
        }
    }
}
