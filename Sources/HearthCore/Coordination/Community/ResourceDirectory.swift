import Foundation

// The community resources directory, after the core tables of the Open Referral Human Services Data Specification
// (HSDS 3.x, https://docs.openreferral.org): organization, service, location, service_at_location, address, phone,
// schedule, language, required_document, taxonomy_term and attribute. Field meanings follow the spec; the Swift
// types keep what a case manager uses to choose and refer.

/// An agency or group that offers services: "Franklin County Senior Options".
public struct ResourceOrganization: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var email: String?
    public var website: String?
    public var phones: [ResourcePhone]

    public init(id: String, name: String, description: String? = nil, email: String? = nil, website: String? = nil,
                phones: [ResourcePhone] = []) {
        self.id = id
        self.name = name
        self.description = description
        self.email = email
        self.website = website
        self.phones = phones
    }
}

/// Whether a service takes referrals now (HSDS service.status).
public enum ServiceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active, inactive, defunct
    case temporarilyClosed = "temporarily closed"

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// Something a person can get from an organization: home-delivered meals, rides to medical appointments.
public struct ResourceService: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var organizationID: String
    public var name: String
    public var description: String?
    public var status: ServiceStatus
    public var url: String?
    public var email: String?
    /// Who may use it, in the provider's words: "Adults 60 and over who are homebound".
    public var eligibility: String?
    public var minimumAge: Int?
    public var maximumAge: Int?
    /// What it costs: "Free; suggested donation $3 per meal".
    public var fees: String?
    /// How to apply: "Call intake; a caseworker visits within 10 days".
    public var applicationProcess: String?
    /// The locations where it is offered (HSDS service_at_location).
    public var locationIDs: [String]
    public var phones: [ResourcePhone]
    public var hours: [ResourceHours]
    public var languages: [ResourceLanguage]
    public var requiredDocuments: [ResourceRequiredDocument]
    /// The taxonomy terms that classify it; search by need matches their codes.
    public var categories: [ResourceCategoryTerm]

    public init(id: String, organizationID: String, name: String, description: String? = nil, status: ServiceStatus = .active,
                url: String? = nil, email: String? = nil, eligibility: String? = nil, minimumAge: Int? = nil, maximumAge: Int? = nil,
                fees: String? = nil, applicationProcess: String? = nil, locationIDs: [String] = [], phones: [ResourcePhone] = [],
                hours: [ResourceHours] = [], languages: [ResourceLanguage] = [], requiredDocuments: [ResourceRequiredDocument] = [],
                categories: [ResourceCategoryTerm] = []) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.description = description
        self.status = status
        self.url = url
        self.email = email
        self.eligibility = eligibility
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.fees = fees
        self.applicationProcess = applicationProcess
        self.locationIDs = locationIDs
        self.phones = phones
        self.hours = hours
        self.languages = languages
        self.requiredDocuments = requiredDocuments
        self.categories = categories
    }

    /// Takes new referrals.
    public var isActive: Bool { status == .active }
}

/// Where a service is offered: a building with an address and a point on the map.
public struct ResourceLocation: Sendable, Hashable, Codable, Identifiable {
    /// HSDS location_type.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case physical, postal, virtual
    }

    public var id: String
    public var organizationID: String?
    public var name: String?
    public var kind: Kind
    public var point: GeoPoint?
    /// How to get there: "Bus 10 stops at the door".
    public var transportation: String?
    public var addresses: [ResourceAddress]
    public var phones: [ResourcePhone]
    public var hours: [ResourceHours]
    public var languages: [ResourceLanguage]

    public init(id: String, organizationID: String? = nil, name: String? = nil, kind: Kind = .physical, point: GeoPoint? = nil,
                transportation: String? = nil, addresses: [ResourceAddress] = [], phones: [ResourcePhone] = [],
                hours: [ResourceHours] = [], languages: [ResourceLanguage] = []) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.kind = kind
        self.point = point
        self.transportation = transportation
        self.addresses = addresses
        self.phones = phones
        self.hours = hours
        self.languages = languages
    }

    /// The street address people go to (the first physical one, else the first of any kind).
    public var address: ResourceAddress? { addresses.first { $0.kind == .physical } ?? addresses.first }

    /// The 5-digit ZIP code of the street address.
    public var zip: String? { address.map { String($0.postalCode.prefix(5)) } }
}

/// A postal or street address (HSDS address).
public struct ResourceAddress: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var line1: String
    public var line2: String?
    public var city: String
    public var state: String
    public var postalCode: String
    /// ISO 3166-1 alpha-2 country code; "US" unless given.
    public var country: String
    public var kind: ResourceLocation.Kind

    public init(id: String, line1: String, line2: String? = nil, city: String, state: String, postalCode: String, country: String = "US",
                kind: ResourceLocation.Kind = .physical) {
        self.id = id
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.country = country
        self.kind = kind
    }

    /// "1450 Oak St, Columbus, OH 43215".
    public var singleLine: String {
        ([line1, line2].compactMap { $0 } + [city]).joined(separator: ", ") + ", \(state) \(postalCode)"
    }
}

/// A phone number for an organization, service or location (HSDS phone).
public struct ResourcePhone: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var number: String
    public var extensionNumber: String?
    /// RFC 6350 type as HSDS uses it: voice, fax, text, cell, video, pager, textphone.
    public var type: String?
    public var description: String?

    public init(id: String, number: String, extensionNumber: String? = nil, type: String? = nil, description: String? = nil) {
        self.id = id
        self.number = number
        self.extensionNumber = extensionNumber
        self.type = type
        self.description = description
    }
}

/// Opening hours on some days of the week (an HSDS schedule, in its simple weekly form).
public struct ResourceHours: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    /// iCalendar BYDAY values: "MO", "TU"…; a monthly schedule may prefix an occurrence, "2TU" (second Tuesday).
    public var days: [String]
    public var opensAt: ClockTime?
    public var closesAt: ClockTime?
    /// "WEEKLY" or "MONTHLY" (iCalendar FREQ); nil when not given.
    public var frequency: String?
    public var description: String?

    public init(id: String, days: [String] = [], opensAt: ClockTime? = nil, closesAt: ClockTime? = nil, frequency: String? = nil,
                description: String? = nil) {
        self.id = id
        self.days = days
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.frequency = frequency
        self.description = description
    }

    static let weekdays = ["MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat", "SU": "Sun"]

    /// "Mon, Wed, Fri 09:00–13:00", or the description when there are no days.
    public var text: String {
        let days = self.days.map { code in
            let day = String(code.suffix(2)), ordinal = code.dropLast(2)
            return (ordinal.isEmpty ? "" : "\(ordinal) ") + (Self.weekdays[day] ?? day)
        }.joined(separator: ", ")
        let times = [opensAt, closesAt].compactMap { $0?.description }.joined(separator: "–")
        let parts = [days, times].filter { !$0.isEmpty }.joined(separator: " ")
        return parts.isEmpty ? (description ?? "") : parts
    }
}

/// A language spoken by staff (HSDS language): a name, an ISO 639 code, or both.
public struct ResourceLanguage: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String?
    public var code: String?

    public init(id: String, name: String? = nil, code: String? = nil) {
        self.id = id
        self.name = name
        self.code = code
    }

    /// Matches a language asked for by name or code, in any case: "Spanish", "es", "spa".
    public func matches(_ text: String) -> Bool {
        let text = text.trimmed.lowercased()
        return !text.isEmpty && (name?.lowercased() == text || code?.lowercased() == text)
    }
}

/// A document a person must bring to apply (HSDS required_document): "Proof of income".
public struct ResourceRequiredDocument: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var document: String

    public init(id: String, document: String) {
        self.id = id
        self.document = document
    }
}

/// A classification term (HSDS taxonomy_term): a code in some taxonomy and its name.
public struct ResourceCategoryTerm: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var code: String?
    public var name: String
    public var description: String?
    /// Which taxonomy the code comes from, e.g. "hearth-needs".
    public var taxonomy: String?

    public init(id: String, code: String? = nil, name: String, description: String? = nil, taxonomy: String? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.description = description
        self.taxonomy = taxonomy
    }
}

/// The whole directory. Every list, nested ones included, is kept sorted by id without repeats,
/// so two directories with the same records are equal however they were read.
public struct ResourceDirectory: Sendable, Hashable, Codable {
    public private(set) var organizations: [ResourceOrganization]
    public private(set) var services: [ResourceService]
    public private(set) var locations: [ResourceLocation]
    /// Every taxonomy term, including terms no service uses yet.
    public private(set) var categoryTerms: [ResourceCategoryTerm]

    public init(organizations: [ResourceOrganization] = [], services: [ResourceService] = [], locations: [ResourceLocation] = [],
                categoryTerms: [ResourceCategoryTerm] = []) {
        self.organizations = organizations.map { $0.normalized() }.sorted { $0.id < $1.id }
        self.services = services.map { $0.normalized() }.sorted { $0.id < $1.id }
        self.locations = locations.map { $0.normalized() }.sorted { $0.id < $1.id }
        self.categoryTerms = categoryTerms.sorted { $0.id < $1.id }
    }

    public static let empty = ResourceDirectory()

    public var isEmpty: Bool { organizations.isEmpty && services.isEmpty && locations.isEmpty && categoryTerms.isEmpty }

    public func organization(_ id: String) -> ResourceOrganization? { organizations.first { $0.id == id } }
    public func service(_ id: String) -> ResourceService? { services.first { $0.id == id } }
    public func location(_ id: String) -> ResourceLocation? { locations.first { $0.id == id } }

    /// The places a service is offered, in id order.
    public func locations(of service: ResourceService) -> [ResourceLocation] { service.locationIDs.compactMap { location($0) } }
}

extension Array where Element: Identifiable, Element.ID == String {
    /// Sorted by id, keeping the first of any repeated id.
    func byID() -> [Element] {
        var seen: Set<String> = []
        return filter { seen.insert($0.id).inserted }.sorted { $0.id < $1.id }
    }
}

extension ResourceOrganization {
    func normalized() -> Self {
        var copy = self
        copy.phones = phones.byID()
        return copy
    }
}

extension ResourceService {
    func normalized() -> Self {
        var copy = self
        copy.locationIDs = Array(Set(locationIDs)).sorted()
        copy.phones = phones.byID()
        copy.hours = hours.byID()
        copy.languages = languages.byID()
        copy.requiredDocuments = requiredDocuments.byID()
        copy.categories = categories.byID()
        return copy
    }
}

extension ResourceLocation {
    func normalized() -> Self {
        var copy = self
        copy.addresses = addresses.byID()
        copy.phones = phones.byID()
        copy.hours = hours.byID()
        copy.languages = languages.byID()
        return copy
    }
}
