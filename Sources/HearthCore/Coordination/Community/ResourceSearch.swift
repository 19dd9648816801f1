import Foundation

/// What a case manager is looking for in the directory; every part left empty matches everything.
public struct ResourceSearch: Sendable, Equatable {
    public var need: NeedCategory?
    /// A 5-digit ZIP code a location of the service must be in.
    public var zip: String?
    /// Where the patient lives: results are ranked by distance from here.
    public var near: GeoPoint?
    /// With `near`: leave out services with no location within this many miles (and services without coordinates).
    public var withinMiles: Double?
    /// A language by name or code: "Spanish", "es".
    public var language: String?
    /// Words that must all appear in the eligibility, e.g. "60", "veteran", "Medicaid".
    public var eligibilityKeyword: String?
    /// The patient's age, checked against the service's minimum and maximum age.
    public var age: Int?
    /// Only services taking referrals now.
    public var activeOnly: Bool

    public init(need: NeedCategory? = nil, zip: String? = nil, near: GeoPoint? = nil, withinMiles: Double? = nil, language: String? = nil,
                eligibilityKeyword: String? = nil, age: Int? = nil, activeOnly: Bool = true) {
        self.need = need
        self.zip = zip?.trimmed.nonEmpty.map { String($0.prefix(5)) }
        self.near = near
        self.withinMiles = withinMiles
        self.language = language?.trimmed.nonEmpty
        self.eligibilityKeyword = eligibilityKeyword?.trimmed.nonEmpty
        self.age = age
        self.activeOnly = activeOnly
    }

    /// One service found, with its organization and its location nearest the patient.
    public struct Result: Sendable, Equatable {
        public var service: ResourceService
        public var organization: ResourceOrganization?
        /// The nearest location with coordinates when searching near a point, else the first location.
        public var location: ResourceLocation?
        /// Straight-line miles from the search point to that location; nil when there is no point or no coordinates.
        public var miles: Double?
    }

    /// Matching services, nearest first (services without a distance after those with one), then by name.
    public func run(in directory: ResourceDirectory) -> [Result] {
        let locations = Dictionary(uniqueKeysWithValues: directory.locations.map { ($0.id, $0) })
        let organizations = Dictionary(uniqueKeysWithValues: directory.organizations.map { ($0.id, $0) })
        var results: [Result] = []
        for service in directory.services where matches(service) {
            let places = service.locationIDs.compactMap { locations[$0] }
            if let zip, !places.contains(where: { $0.zip == zip }) { continue }
            if let language, !(service.languages + places.flatMap(\.languages)).contains(where: { $0.matches(language) }) { continue }
            let nearest = nearestPlace(places)
            if let withinMiles, near != nil, (nearest.miles ?? .infinity) > withinMiles { continue }
            results.append(Result(service: service, organization: organizations[service.organizationID],
                                  location: nearest.location ?? places.first, miles: nearest.miles))
        }
        return results.sorted(by: Self.ranking)
    }

    /// The checks that need only the service itself: status, need, eligibility words and age.
    func matches(_ service: ResourceService) -> Bool {
        if activeOnly && !service.isActive { return false }
        if let need, !need.matches(service) { return false }
        if let eligibilityKeyword {
            let text = (service.eligibility ?? "").lowercased()
            let words = eligibilityKeyword.lowercased().split(whereSeparator: \.isWhitespace)
            if !words.allSatisfy({ text.contains($0) }) { return false }
        }
        if let age {
            if let minimum = service.minimumAge, age < minimum { return false }
            if let maximum = service.maximumAge, age > maximum { return false }
        }
        return true
    }

    private func nearestPlace(_ places: [ResourceLocation]) -> (location: ResourceLocation?, miles: Double?) {
        guard let near else { return (nil, nil) }
        let measured = places.compactMap { place in place.point.map { (place, near.miles(to: $0)) } }
        guard let best = measured.min(by: { $0.1 < $1.1 }) else { return (nil, nil) }
        return (best.0, best.1)
    }

    private static func ranking(_ a: Result, _ b: Result) -> Bool {
        switch (a.miles, b.miles) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            let (nameA, nameB) = (a.service.name.lowercased(), b.service.name.lowercased())
            return nameA != nameB ? nameA < nameB : a.service.id < b.service.id
        }
    }
}
