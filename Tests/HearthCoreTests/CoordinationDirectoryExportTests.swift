import Foundation
import Testing
@testable import HearthCore

/// Export and import give back the same directory, in CSV and in HSDS's nested JSON shape.
@Suite struct HSDSRoundTripTests {
    let directory = CoordinationFixture.directory

    @Test func csvExportThenImportGivesTheSameDirectory() throws {
        // act
        let files = HSDSCSV.export(directory)
        let result = try HSDSCSV.importFiles(files, skipBad: false)
        // check
        #expect(result.badRows.isEmpty, "\(result.badRows)")
        #expect(result.importable == directory)
        #expect(Set(files.keys) == Set(HSDSTable.allCases.map(\.fileName)))
    }

    @Test func csvExportQuotesWhatNeedsQuotingAndUsesCRLF() {
        let files = HSDSCSV.export(directory)
        let services = files["services.csv"]!
        #expect(services.hasPrefix("id,organization_id,name,description,status,url,email,eligibility_description,minimum_age,maximum_age,"
            + "fees_description,application_process\r\n"))
        #expect(services.contains("\"A hot lunch delivered Monday to Friday between 10:30 and 1:00, with frozen meals for the weekend.\nDiabetic"))
        #expect(files["service_at_location.csv"]!.contains("svc-heap@loc-rca-north,svc-heap,loc-rca-north\r\n"))
        #expect(files["attributes.csv"]!.contains("svc-benefits:term-partd,svc-benefits,service,,term-partd,\r\n"))
    }

    @Test func anEmptyDirectoryExportsHeadersThatImportBack() throws {
        let files = HSDSCSV.export(.empty)
        #expect(files["organizations.csv"] == "id,name,description,email,website\r\n")
        #expect(try HSDSCSV.importFiles(files, skipBad: false).importable == .empty)
    }

    @Test func jsonExportThenImportGivesTheSameDirectory() throws {
        let data = HSDSJSON.export(directory)
        let result = try HSDSJSON.importData(data, skipBad: false)
        #expect(result.badRows.isEmpty, "\(result.badRows)")
        // every organization, location and term in the demo is used by a service, so nothing is left out
        #expect(result.importable == directory)
    }

    @Test func jsonExportNestsOrganizationLocationsAndTermsInEachService() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: HSDSJSON.export(directory)) as? [[String: Any]])
        let meals = try #require(json.first { $0["id"] as? String == "svc-home-meals" })
        #expect((meals["organization"] as? [String: Any])?["name"] as? String == "Mobile Meals of Riverbend")
        let sites = try #require(meals["service_at_locations"] as? [[String: Any]])
        let location = try #require(sites.first?["location"] as? [String: Any])
        #expect((location["latitude"] as? NSNumber)?.doubleValue == 39.956)
        #expect(((location["addresses"] as? [[String: Any]])?.first?["postal_code"]) as? String == "43205")
        let attribute = try #require((meals["attributes"] as? [[String: Any]])?.first)
        #expect((attribute["taxonomy_term"] as? [String: Any])?["code"] as? String == "food.home-delivered-meals")
        #expect((meals["phones"] as? [[String: Any]])?.count == 2)
        #expect(meals["status"] as? String == "active")
    }

    @Test func jsonImportReadsAnAPIPageAndChecksNestedRows() throws {
        let json = """
            {"total_items": 2, "contents": [
              {"id": "svc-rides", "name": "Rides to medical appointments", "status": "active", "minimum_age": 60,
               "organization": {"id": "org-rides", "name": "Silver Rides"},
               "service_at_locations": [{"id": "sal-1", "location": {"id": "loc-1", "latitude": "39.96", "longitude": -83.0,
                  "addresses": [{"id": "a1", "address_1": "50 W Gay St", "city": "Riverbend", "state_province": "OH", "postal_code": "4321"}]}}],
               "languages": [{"id": "l1", "name": "English", "code": "en"}]},
              {"id": "svc-vans", "name": "Weekend vans", "status": "active",
               "organization": {"id": "org-rides", "name": "Silver Rides"}}
            ]}
            """
        let result = try HSDSJSON.importData(Data(json.utf8), skipBad: true)
        #expect(result.badRows.map(\.description) == [
            "services.json at [0].service_at_locations[0].location.addresses[0]: bad ZIP '4321'; use 5 digits or ZIP+4, e.g. 43215 or 43215-1234",
        ])
        let directory = try #require(result.importable)
        #expect(directory.organizations.map(\.id) == ["org-rides"])
        #expect(directory.service("svc-rides")?.minimumAge == 60)
        #expect(directory.service("svc-rides")?.locationIDs == ["loc-1"])
        #expect(directory.location("loc-1")?.point == GeoPoint(latitude: 39.96, longitude: -83.0))
        #expect(directory.services.count == 2)
    }

    @Test func conflictingCopiesOfANestedOrganizationAreADuplicate() throws {
        let json = """
            [{"id": "s1", "name": "Meals", "status": "active", "organization": {"id": "o1", "name": "Mobile Meals"}},
             {"id": "s2", "name": "Lunch club", "status": "active", "organization": {"id": "o1", "name": "Mobile Meals Inc"}}]
            """
        let result = try HSDSJSON.importData(Data(json.utf8), skipBad: false)
        #expect(result.badRows.map(\.description) == [
            "services.json at [1].organization: duplicate organization id 'o1', first used at services.json at [0].organization; give each row its own id",
        ])
        #expect(result.importable == nil)
    }

    @Test func somethingThatIsNotHSDSJSONIsRefused() {
        #expect(throws: HSDSImportError.unreadableJSON(file: "services.json", detail: "expected a list of services")) {
            try HSDSJSON.importData(Data(#"{"hello": "world"}"#.utf8), skipBad: true)
        }
        let error = #expect(throws: HSDSImportError.self) { try HSDSJSON.importData(Data("[{".utf8), skipBad: true) }
        #expect(error?.description.hasPrefix("services.json is not HSDS JSON") == true)
    }
}
