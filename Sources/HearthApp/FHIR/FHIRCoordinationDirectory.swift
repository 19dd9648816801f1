import Fluent
import Foundation
import HearthCore
import Vapor

/// FHIR R4 HealthcareService: one service of the community resources directory (HSDS service).
struct FHIRHealthcareService: Content {
    struct Eligibility: Codable { var comment: String }
    struct AvailableTime: Codable { var daysOfWeek: [String]; var availableStartTime: String?; var availableEndTime: String? }
    struct NotAvailable: Codable { var description: String }

    var resourceType = "HealthcareService"
    var id: String
    var active: Bool
    var providedBy: FHIRCoord.Reference?
    var category: [FHIRCoord.Concept]?
    var type: [FHIRCoord.Concept]?
    var location: [FHIRCoord.Reference]?
    var name: String
    var comment: String?
    var extraDetails: String?
    var telecom: [FHIRCoord.ContactPoint]?
    var serviceProvisionCode: [FHIRCoord.Concept]?
    var eligibility: [Eligibility]?
    var communication: [FHIRCoord.Concept]?
    var availableTime: [AvailableTime]?
    var notAvailable: [NotAvailable]?
    var availabilityExceptions: String?

    static let needSystem = "urn:hearth:need-category"

    init(_ service: ResourceService, in directory: ResourceDirectory, needs: [NeedCategory]) {
        id = FHIRCoord.directoryID(service.id)
        // A temporarily closed service is still listed; inactive and defunct ones are not in use.
        active = service.status == .active || service.status == .temporarilyClosed
        notAvailable = service.status == .temporarilyClosed ? [NotAvailable(description: "Temporarily closed")] : nil
        providedBy = directory.organization(service.organizationID).map { Self.reference($0) }
        let met = needs.filter { $0.matches(service) }
        category = met.isEmpty ? nil : met.map { FHIRCoord.Concept(coding: [.init(system: Self.needSystem, code: $0.id, display: $0.title)], text: $0.title) }
        let terms = service.categories.map { term in
            FHIRCoord.Concept(coding: term.code.map { [.init(system: "urn:hearth:taxonomy:\(term.taxonomy ?? "local")", code: $0, display: term.name)] }, text: term.name)
        }
        type = terms.isEmpty ? nil : terms
        let places = directory.locations(of: service).map { FHIRCoord.Reference(reference: "Location/\(FHIRCoord.directoryID($0.id))", display: $0.name) }
        location = places.isEmpty ? nil : places
        name = service.name
        comment = service.description
        let documents = service.requiredDocuments.map(\.document)
        let details = [service.applicationProcess.map { "How to apply: \($0)" }, documents.isEmpty ? nil : "Bring: " + documents.joined(separator: "; ")]
            .compactMap { $0 }
        extraDetails = details.isEmpty ? nil : details.joined(separator: "\n\n")
        telecom = FHIRCoord.telecom(service.phones, email: service.email, website: service.url)
        serviceProvisionCode = service.fees.map { [FHIRCoord.text($0)] }
        let ages = switch (service.minimumAge, service.maximumAge) {
        case let (low?, high?): "Ages \(low) to \(high)."
        case let (low?, nil): "Ages \(low) and over."
        case let (nil, high?): "Ages up to \(high)."
        case (nil, nil): ""
        }
        let rule = [service.eligibility ?? "", ages].filter { !$0.isEmpty }.joined(separator: " ")
        eligibility = rule.isEmpty ? nil : [Eligibility(comment: rule)]
        communication = service.languages.isEmpty ? nil : service.languages.map(Self.language)
        let (weekly, other) = Self.hours(service.hours)
        availableTime = weekly.isEmpty ? nil : weekly.map { AvailableTime(daysOfWeek: $0.days, availableStartTime: $0.opens, availableEndTime: $0.closes) }
        availabilityExceptions = other
    }

    static func reference(_ organization: ResourceOrganization) -> FHIRCoord.Reference {
        FHIRCoord.Reference(reference: "Organization/\(FHIRCoord.directoryID(organization.id))", display: organization.name)
    }

    /// A spoken language: its BCP 47 code when the directory gives one, else its name.
    static func language(_ language: ResourceLanguage) -> FHIRCoord.Concept {
        FHIRCoord.Concept(coding: language.code.map { [.init(system: "urn:ietf:bcp:47", code: $0, display: language.name)] }, text: language.name ?? language.code)
    }

    static let days = ["MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri", "SA": "sat", "SU": "sun"]

    /// Weekly hours as FHIR days and times; hours FHIR cannot say (monthly, "2TU", no days) as text.
    static func hours(_ hours: [ResourceHours]) -> (weekly: [(days: [String], opens: String?, closes: String?)], other: String?) {
        var weekly: [(days: [String], opens: String?, closes: String?)] = [], other: [String] = []
        for item in hours {
            let days = item.days.compactMap { Self.days[$0.uppercased()] }
            if !days.isEmpty, days.count == item.days.count, item.frequency?.uppercased() ?? "WEEKLY" == "WEEKLY" {
                weekly.append((days, item.opensAt.map { "\($0):00" }, item.closesAt.map { "\($0):00" }))
            } else if !item.text.isEmpty {
                other.append(item.text)
            }
        }
        return (weekly, other.isEmpty ? nil : other.joined(separator: "; "))
    }
}

/// FHIR R4 Location: where a directory service is offered.
struct FHIRLocation: Content {
    struct Address: Codable { var use = "work"; var type: String; var line: [String]; var city: String; var state: String; var postalCode: String; var country: String }
    struct Position: Codable { var longitude: Double; var latitude: Double }
    struct HoursOfOperation: Codable { var daysOfWeek: [String]; var openingTime: String?; var closingTime: String? }

    var resourceType = "Location"
    var id: String
    var status = "active"
    var name: String?
    var description: String?
    var mode = "instance"
    var telecom: [FHIRCoord.ContactPoint]?
    var address: Address?
    var position: Position?
    var managingOrganization: FHIRCoord.Reference?
    var hoursOfOperation: [HoursOfOperation]?
    var availabilityExceptions: String?

    init(_ location: ResourceLocation, in directory: ResourceDirectory) {
        id = FHIRCoord.directoryID(location.id)
        name = location.name
        description = location.transportation.map { "Getting there: \($0)" }
        telecom = FHIRCoord.telecom(location.phones)
        address = location.address.map { a in
            Address(type: a.kind == .postal ? "postal" : "physical", line: [a.line1] + (a.line2.map { [$0] } ?? []), city: a.city, state: a.state,
                    postalCode: a.postalCode, country: a.country)
        }
        position = location.point.map { Position(longitude: $0.longitude, latitude: $0.latitude) }
        managingOrganization = location.organizationID.flatMap(directory.organization).map(FHIRHealthcareService.reference)
        let (weekly, other) = FHIRHealthcareService.hours(location.hours)
        hoursOfOperation = weekly.isEmpty ? nil : weekly.map { HoursOfOperation(daysOfWeek: $0.days, openingTime: $0.opens, closingTime: $0.closes) }
        availabilityExceptions = other
    }
}

/// FHIR R4 Organization for an organization of the community directory; the agency's own are `FHIROrganization`.
struct FHIRDirectoryOrganization: Content {
    var resourceType = "Organization"
    var id: String
    var active = true
    /// organization-type "cg" (community group): the directory holds community agencies, not the agency's payers or providers.
    var type = [FHIRCoord.Concept(coding: [.init(system: "http://terminology.hl7.org/CodeSystem/organization-type", code: "cg", display: "Community Group")], text: nil)]
    var name: String
    var telecom: [FHIRCoord.ContactPoint]?

    init(_ organization: ResourceOrganization) {
        id = FHIRCoord.directoryID(organization.id)
        name = organization.name
        telecom = FHIRCoord.telecom(organization.phones, email: organization.email, website: organization.website)
    }
}

extension FHIRController {
    /// `GET /fhir/HealthcareService/hsds-<service id>`. The directory is not patient data: any signed-in client may read it.
    func readHealthcareService(req: Request) async throws -> Response {
        let directory = try await DirectoryStore.current(on: req.db)
        let id = req.parameters.get("id") ?? ""
        guard let service = directory.services.first(where: { FHIRCoord.directoryID($0.id) == id }) else {
            throw AppError.notFound("No HealthcareService with that id. Search /fhir/HealthcareService to find one.")
        }
        return try req.fhirRead(FHIRHealthcareService(service, in: directory, needs: req.application.needCategories?.categories ?? []))
    }

    /// `GET /fhir/HealthcareService?name=&name:contains=&service-category=<need>&active=&location=&organization=&_count=&_offset=`
    func searchHealthcareServices(req: Request) async throws -> Response {
        let directory = try await DirectoryStore.current(on: req.db)
        let needs = req.application.needCategories?.categories ?? []
        let page = try FHIRSearchPage("HealthcareService", req)
        var services = directory.services
        if let matches = page.nameMatcher(req) { services = services.filter { matches($0.name) } }
        if let token = req.query[String.self, at: "service-category"], !token.isEmpty {
            let code = String(token.split(separator: "|").last ?? "")
            guard let need = needs.first(where: { $0.id == code }) else {
                throw AppError.badRequest("service-category must be a need: \(needs.map(\.id).joined(separator: ", ")).")
            }
            services = services.filter(need.matches)
        }
        if let active = req.query[String.self, at: "active"], !active.isEmpty {
            guard active == "true" || active == "false" else { throw AppError.badRequest("active must be true or false.") }
            services = services.filter { ($0.status == .active || $0.status == .temporarilyClosed) == (active == "true") }
        }
        if let location = req.query[String.self, at: "location"], !location.isEmpty {
            let id = FHIRSearchPage.referenceID(location)
            services = services.filter { $0.locationIDs.contains { FHIRCoord.directoryID($0) == id } }
        }
        if let organization = req.query[String.self, at: "organization"], !organization.isEmpty {
            let id = FHIRSearchPage.referenceID(organization)
            services = services.filter { FHIRCoord.directoryID($0.organizationID) == id }
        }
        return try await page.bundle(services.map { (FHIRCoord.directoryID($0.id), FHIRHealthcareService($0, in: directory, needs: needs)) })
    }

    /// `GET /fhir/Location/hsds-<location id>`.
    func readLocation(req: Request) async throws -> Response {
        let directory = try await DirectoryStore.current(on: req.db)
        let id = req.parameters.get("id") ?? ""
        guard let location = directory.locations.first(where: { FHIRCoord.directoryID($0.id) == id }) else {
            throw AppError.notFound("No Location with that id. Search /fhir/Location to find one.")
        }
        return try req.fhirRead(FHIRLocation(location, in: directory))
    }

    /// `GET /fhir/Location?name=&name:contains=&address-postalcode=&organization=&_count=&_offset=`
    func searchLocations(req: Request) async throws -> Response {
        let directory = try await DirectoryStore.current(on: req.db)
        let page = try FHIRSearchPage("Location", req)
        var locations = directory.locations
        if let matches = page.nameMatcher(req) { locations = locations.filter { matches($0.name) } }
        if let zip = req.query[String.self, at: "address-postalcode"], !zip.isEmpty {
            locations = locations.filter { $0.addresses.contains { $0.postalCode.hasPrefix(zip) } }
        }
        if let organization = req.query[String.self, at: "organization"], !organization.isEmpty {
            let id = FHIRSearchPage.referenceID(organization)
            locations = locations.filter { $0.organizationID.map(FHIRCoord.directoryID) == id }
        }
        return try await page.bundle(locations.map { (FHIRCoord.directoryID($0.id), FHIRLocation($0, in: directory)) })
    }
}
