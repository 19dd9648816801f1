import Foundation
import Testing
@testable import HearthCore

/// Small HSDS files for import tests: a Meals on Wheels-like service, a senior ride program and a utility assistance program.
enum HSDSFixture {
    static let organizations = """
        id,name,description,email,website
        org-meals,Mobile Meals of Riverbend,Hot meals for homebound neighbors,meals@example.org,
        org-rides,Silver Rides,"Door-to-door rides, weekdays",,
        org-energy,Riverbend Community Action,Energy bill help,,
        """

    static let services = """
        id,organization_id,name,status,eligibility_description,minimum_age,fees_description
        svc-meals,org-meals,Home-delivered meals,active,"Homebound adults 60 and over, or younger with a disability",,"Free; $3 suggested"
        svc-rides,org-rides,Rides to medical appointments,active,Residents 60 and over,60,Free
        svc-heap,org-energy,Home Energy Assistance Program,Active,Income at or below 175% of poverty guidelines,,Free
        """

    static let locations = """
        id,organization_id,name,latitude,longitude
        loc-kitchen,org-meals,Central kitchen,39.9560,-82.9740
        loc-dispatch,org-rides,Dispatch office,39.9612,-83.0007
        loc-south,org-energy,South office,39.9401,-82.9801
        """

    static let addresses = """
        id,location_id,address_1,city,state_province,postal_code
        adr-kitchen,loc-kitchen,1450 Oak St,Riverbend,OH,43205
        adr-dispatch,loc-dispatch,50 W Gay St,Riverbend,OH,43215
        adr-south,loc-south,700 Parsons Ave,Riverbend,OH,43206-1234
        """

    static let serviceAtLocation = """
        id,service_id,location_id
        sal-1,svc-meals,loc-kitchen
        sal-2,svc-rides,loc-dispatch
        sal-3,svc-heap,loc-south
        """

    static let phones = """
        id,service_id,organization_id,number,type
        ph-1,svc-meals,,614-555-0110,voice
        ph-2,,org-rides,614-555-0120,voice
        """

    static func files(_ changes: [String: String] = [:]) -> [String: String] {
        var files = ["organizations.csv": organizations, "services.csv": services, "locations.csv": locations, "addresses.csv": addresses,
                     "service_at_location.csv": serviceAtLocation, "phones.csv": phones]
        for (name, text) in changes { files[name] = text }
        return files
    }
}

/// HSDS CSV import: whole-file faults refuse everything; bad rows are reported with file, line and reason.
@Suite struct HSDSImportTests {
    @Test func goodFilesImportEveryRecord() throws {
        let result = try HSDSCSV.importFiles(HSDSFixture.files(), skipBad: false)
        #expect(result.badRows.isEmpty)
        let directory = try #require(result.importable)
        #expect(directory.organizations.map(\.id) == ["org-energy", "org-meals", "org-rides"])
        let meals = try #require(directory.service("svc-meals"))
        #expect(meals.eligibility == "Homebound adults 60 and over, or younger with a disability")
        #expect(meals.fees == "Free; $3 suggested")
        #expect(meals.locationIDs == ["loc-kitchen"] && meals.phones.map(\.number) == ["614-555-0110"])
        #expect(directory.service("svc-heap")?.status == .active)
        #expect(directory.service("svc-rides")?.minimumAge == 60)
        #expect(directory.organization("org-rides")?.phones.first?.id == "ph-2")
        #expect(directory.location("loc-south")?.zip == "43206")
        #expect(directory.location("loc-kitchen")?.point == GeoPoint(latitude: 39.9560, longitude: -82.9740))
        #expect(result.summary == "Imported 3 organizations, 3 services, 3 locations.")
    }

    @Test func theShippedDemoDirectoryImportsCleanly() throws {
        let result = try HSDSCSV.importFiles(CoordinationFixture.demoFiles, skipBad: false)
        #expect(result.badRows.isEmpty, "\(result.badRows)")
        let directory = try #require(result.importable)
        #expect(directory.services.count == 9 && directory.locations.count == 8)
        let heap = try #require(directory.service("svc-heap"))
        #expect(heap.locationIDs == ["loc-rca-north", "loc-rca-south"])
        #expect(heap.requiredDocuments.count == 3)
        #expect(heap.languages.compactMap(\.code) == ["en", "es", "so"])
        #expect(directory.service("svc-home-meals")?.description?.contains("\nDiabetic") == true)
        #expect(directory.service("svc-caregiver-group")?.hours.first?.text == "2 Tue 18:00–19:30")
        #expect(directory.service("svc-winter-crisis")?.status == .inactive)
    }

    @Test func aMissingRequiredFileRefusesTheImport() {
        var files = HSDSFixture.files()
        files["services.csv"] = nil
        #expect(throws: HSDSImportError.missingFile("services.csv")) { try HSDSCSV.importFiles(files, skipBad: true) }
    }

    @Test func aMissingRequiredColumnIsOneErrorNamingFileAndColumn() {
        let services = "id,organization_id,name\nsvc-meals,org-meals,Home-delivered meals\n"
        let error = #expect(throws: HSDSImportError.missingColumn(file: "services.csv", column: "status")) {
            try HSDSCSV.importFiles(HSDSFixture.files(["services.csv": services]), skipBad: true)
        }
        #expect(error?.description.hasPrefix("services.csv has no 'status' column.") == true)
    }

    @Test func brokenQuotingRefusesTheImportWithTheLine() {
        let organizations = "id,name\norg-meals,\"Mobile Meals\norg-rides,Silver Rides\n"
        #expect(throws: HSDSImportError.malformedCSV(file: "organizations.csv", line: 2, reason: "a quoted field is never closed; add the closing quote")) {
            try HSDSCSV.importFiles(HSDSFixture.files(["organizations.csv": organizations]), skipBad: true)
        }
    }

    @Test func eachBadRowIsReportedWithFileLineAndReason() throws {
        let services = HSDSFixture.services + """

            ,org-meals,Nameless id,active,,,
            svc-ghost,org-nowhere,Ghost service,active,,,
            svc-meals,org-meals,Second meals row,active,,,
            svc-odd,org-meals,Odd status,paused,,,
            """
        let locations = HSDSFixture.locations + "\nloc-bad,org-meals,Far away,95.1,-82.9\nloc-zero,org-meals,Null island,0,0\nloc-half,org-meals,Half,39.9,\n"
        let addresses = HSDSFixture.addresses + "\nadr-bad,loc-kitchen,1 Main St,Riverbend,OH,4321\nadr-orphan,loc-bad,2 Main St,Riverbend,OH,43215\n"
        let result = try HSDSCSV.importFiles(HSDSFixture.files(["services.csv": services, "locations.csv": locations,
                                                                 "addresses.csv": addresses]), skipBad: false)
        #expect(result.badRows.map(\.description) == [
            "services.csv line 5: missing id; give every service a unique id",
            "services.csv line 6: unknown organization id 'org-nowhere' in organization_id; add it to organizations.csv or correct the id",
            "services.csv line 7: duplicate service id 'svc-meals', first used at services.csv line 2; give each row its own id",
            "services.csv line 8: unknown status 'paused'; use active, inactive, defunct or temporarily closed",
            "locations.csv line 5: bad coordinates '95.1, -82.9'; use decimal degrees, latitude −90…90 and longitude −180…180",
            "locations.csv line 6: bad coordinates 0, 0 (a missing value written as zero); leave both empty instead",
            "locations.csv line 7: bad coordinates: latitude and longitude go together; give both or neither",
            "addresses.csv line 5: bad ZIP '4321'; use 5 digits or ZIP+4, e.g. 43215 or 43215-1234",
            "addresses.csv line 6: location_id 'loc-bad' points to a location that was not imported (locations.csv line 5); fix that row first",
        ])
    }

    @Test func withoutSkipBadNothingIsImportedWhenARowIsBad() throws {
        let services = HSDSFixture.services + "\nsvc-ghost,org-nowhere,Ghost,active,,,\n"
        let result = try HSDSCSV.importFiles(HSDSFixture.files(["services.csv": services]), skipBad: false)
        #expect(result.badRows.count == 1)
        #expect(result.importable == nil)
        #expect(result.directory.services.count == 3)
        #expect(result.summary.hasPrefix("Nothing imported: 1 bad row. Fix them and import again"))
    }

    @Test func withSkipBadTheGoodRowsAreImported() throws {
        let services = HSDSFixture.services + "\nsvc-ghost,org-nowhere,Ghost,active,,,\n"
        let result = try HSDSCSV.importFiles(HSDSFixture.files(["services.csv": services]), skipBad: true)
        #expect(result.importable?.services.map(\.id) == ["svc-heap", "svc-meals", "svc-rides"])
        #expect(result.summary == "Imported 3 organizations, 3 services, 3 locations; 1 bad row skipped.")
    }

    @Test func rowsPointingToABadRowAreReportedToo() throws {
        let services = HSDSFixture.services.replacingOccurrences(of: "svc-rides,org-rides,Rides to medical appointments,active",
                                                                 with: "svc-rides,org-rides,Rides to medical appointments,sometimes")
        let result = try HSDSCSV.importFiles(HSDSFixture.files(["services.csv": services]), skipBad: true)
        #expect(result.badRows.map(\.description) == [
            "services.csv line 3: unknown status 'sometimes'; use active, inactive, defunct or temporarily closed",
            "service_at_location.csv line 3: service_id 'svc-rides' points to a service that was not imported (services.csv line 3); fix that row first",
        ])
    }

    @Test func aRowWithTheWrongNumberOfFieldsIsReported() throws {
        let organizations = HSDSFixture.organizations + "\norg-x,Meals, Wheels and More,,,\n"
        let result = try HSDSCSV.importFiles(HSDSFixture.files(["organizations.csv": organizations]), skipBad: true)
        #expect(result.badRows.map(\.description) == [
            "organizations.csv line 5: has 6 fields but the header has 5; quote any field that contains a comma",
        ])
    }

    @Test func phonesSchedulesAndLanguagesMustBelongToSomething() throws {
        let phones = "id,number\nph-9,614-555-0199\nph-8,call us\n"
        let schedules = "id,service_id,byday,opens_at,closes_at\nsch-1,svc-meals,\"MO,WE,FR\",9am,13:00\nsch-2,svc-meals,\"MO,XX\",09:00,13:00\n"
            + "sch-3,svc-meals,\"MO,TU\",09:00-05:00,13:00:00Z\n"
        let languages = "id,service_id,name,code\nlang-1,svc-meals,,\nlang-2,,Spanish,es\n"
        let result = try HSDSCSV.importFiles(HSDSFixture.files(["phones.csv": phones, "schedules.csv": schedules, "languages.csv": languages]),
                                             skipBad: true)
        #expect(result.badRows.map(\.description) == [
            "phones.csv line 2: the phone belongs to nothing; fill in service_id, location_id or organization_id",
            "phones.csv line 3: bad phone number 'call us'; write it with its digits, e.g. 614-555-0100",
            "schedules.csv line 2: bad opens_at '9am'; use HH:MM on a 24-hour clock, e.g. 09:00",
            "schedules.csv line 3: bad byday 'XX'; list weekday codes such as MO,WE,FR",
            "languages.csv line 2: missing language; fill in name or code, e.g. Spanish or es",
            "languages.csv line 3: the language belongs to nothing; fill in service_id or location_id",
        ])
        let hours = try #require(result.directory.service("svc-meals")?.hours.first)
        #expect(hours.text == "Mon, Tue 09:00–13:00")
    }

    @Test func singularFileNamesAndCRLFAreRead() throws {
        var files: [String: String] = [:]
        for (name, text) in HSDSFixture.files() {
            let singular = name == "organizations.csv" ? "Organization.csv" : name == "services.csv" ? "service.csv" : name
            files[singular] = text.replacingOccurrences(of: "\n", with: "\r\n")
        }
        let result = try HSDSCSV.importFiles(files, skipBad: false)
        #expect(result.badRows.isEmpty)
        #expect(result.importable?.services.count == 3)
    }
}
