import Foundation
import Testing
@testable import HearthCore

extension CoordinationFixture {
    static let needs: NeedCategoryVocabulary = {
        do { return try NeedCategoryVocabulary(file: resources.appendingPathComponent("Community/need-categories.json")) } catch {
            fatalError("\(error)")
        }
    }()

    /// The demo directory's CSV files by name.
    static let demoFiles: [String: String] = {
        let folder = resources.appendingPathComponent("Community/demo-directory")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Dictionary(uniqueKeysWithValues: names.filter { $0.hasSuffix(".csv") }.map { name in
            (name, (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "")
        })
    }()

    static let directory: ResourceDirectory = {
        do { return try HSDSCSV.importFiles(demoFiles, skipBad: false).importable! } catch { fatalError("\(error)") }
    }()
}

/// Finding a service for a patient: by need, ZIP, distance, language, eligibility; nearest first, then by name.
@Suite struct ResourceSearchTests {
    let directory = CoordinationFixture.directory
    let needs = CoordinationFixture.needs
    /// A patient's home on the east side, near the meals kitchen.
    let home = GeoPoint(latitude: 39.9650, longitude: -82.9500)!

    @Test func theShippedNeedVocabularyHasTheCoreNeeds() {
        for id in ["food", "transportation", "housing", "utilities", "caregiver-support", "mental-health", "home-modification",
                   "medication-assistance", "legal", "financial"] {
            #expect(needs.category(id) != nil, "\(id)")
        }
        #expect(needs.category("food")!.matches(code: "food.home-delivered-meals"))
        #expect(needs.category("food")!.matches(code: "FOOD"))
        #expect(!needs.category("food")!.matches(code: "foodbank"))
        #expect(needs.needs(of: directory.service("svc-benefits")!).map(\.id) == ["medication-assistance", "financial"])
    }

    @Test func aCodeClaimedByTwoNeedsIsRefused() {
        let food = NeedCategory(id: "food", title: "Food", codes: ["food"])
        let meals = NeedCategory(id: "meals", title: "Meals", codes: ["Food"])
        let error = #expect(throws: NeedCategoryError.self) { try NeedCategoryVocabulary(version: "1", taxonomy: "t", categories: [food, meals]) }
        #expect(error?.description == "Need categories need-categories (meals): code 'Food' already belongs to 'food'. Fix the file and restart.")
    }

    @Test func searchingByNeedLeavesOutInactiveServices() {
        let results = ResourceSearch(need: needs.category("utilities")).run(in: directory)
        #expect(results.map(\.service.id) == ["svc-heap"])
        let all = ResourceSearch(need: needs.category("utilities"), activeOnly: false).run(in: directory)
        #expect(all.map(\.service.id) == ["svc-heap", "svc-winter-crisis"])
    }

    @Test func resultsAreNearestFirstWithTheNearestLocation() throws {
        let results = ResourceSearch(near: home).run(in: directory)
        #expect(results.first?.service.id == "svc-grab-bars")
        let miles = results.compactMap(\.miles)
        #expect(miles == miles.sorted())
        let heap = try #require(results.first { $0.service.id == "svc-heap" })
        #expect(heap.location?.id == "loc-rca-south")
        #expect(heap.organization?.name == "Riverbend Community Action")
    }

    @Test func aRadiusLeavesOutFartherServices() {
        let results = ResourceSearch(need: needs.category("food"), near: home, withinMiles: 3).run(in: directory)
        #expect(results.map(\.service.id) == ["svc-home-meals"])
        let miles = results[0].miles!
        #expect(abs(miles - 1.41) < 0.01)
    }

    @Test func withoutAPointResultsAreByName() {
        let results = ResourceSearch(need: needs.category("food")).run(in: directory)
        #expect(results.map(\.service.name) == ["Home-delivered meals", "Lunch at the Linden senior center"])
        #expect(results.allSatisfy { $0.miles == nil })
    }

    @Test func byZIPLanguageAndEligibility() {
        #expect(ResourceSearch(zip: "43215").run(in: directory).map(\.service.id) == ["svc-caregiver-group", "svc-respite", "svc-benefits",
                                                                                         "svc-medical-rides"].sorted { a, b in
            directory.service(a)!.name < directory.service(b)!.name
        })
        #expect(ResourceSearch(zip: "43214-4012").run(in: directory).map(\.service.id) == ["svc-heap"])
        #expect(ResourceSearch(language: "Somali").run(in: directory).map(\.service.id) == ["svc-heap"])
        #expect(ResourceSearch(language: "ES").run(in: directory).map(\.service.id) == ["svc-home-meals", "svc-heap"].sorted { a, b in
            directory.service(a)!.name < directory.service(b)!.name
        })
        #expect(ResourceSearch(need: needs.category("food"), eligibilityKeyword: "homebound").run(in: directory).map(\.service.id)
            == ["svc-home-meals"])
        #expect(ResourceSearch(eligibilityKeyword: "veteran").run(in: directory).isEmpty)
    }

    @Test func theLocationsLanguagesCountForTheService() {
        // the Linden center (English) hosts the congregate lunch, which lists no language of its own
        #expect(ResourceSearch(need: needs.category("social-connection"), language: "en").run(in: directory).map(\.service.id)
            == ["svc-congregate-meals"])
    }

    @Test func ageIsCheckedAgainstTheServicesLimits() {
        let transport = needs.category("transportation")
        #expect(ResourceSearch(need: transport, age: 58).run(in: directory).isEmpty)
        #expect(ResourceSearch(need: transport, age: 72).run(in: directory).map(\.service.id) == ["svc-medical-rides"])
    }
}
