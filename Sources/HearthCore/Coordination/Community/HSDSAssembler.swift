import Foundation

/// Turns the rows of every HSDS table into a directory, checking each row on its own. A bad row is reported with its
/// origin and reason and left out; a row that points to a left-out row is reported too, naming the row it points to.
struct HSDSAssembler {
    struct Problem: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private(set) var badRows: [HSDSBadRow] = []
    /// The first row seen with each id, for duplicate messages.
    private var seen: [HSDSTable: [String: HSDSRowOrigin]] = [:]
    private var accepted: [HSDSTable: Set<String>] = [:]
    private var rejected: [HSDSTable: [String: HSDSRowOrigin]] = [:]

    private var terms: [String: ResourceCategoryTerm] = [:]
    private var organizations: [String: ResourceOrganization] = [:]
    private var services: [String: ResourceService] = [:]
    private var locations: [String: ResourceLocation] = [:]

    /// Checks every row, tables in dependency order, rows in file order.
    static func assemble(_ tables: [HSDSTable: [HSDSRow]]) -> (directory: ResourceDirectory, badRows: [HSDSBadRow]) {
        var assembler = HSDSAssembler()
        for table in HSDSTable.allCases {
            for row in tables[table] ?? [] { assembler.take(row, into: table) }
        }
        let directory = ResourceDirectory(organizations: Array(assembler.organizations.values), services: Array(assembler.services.values),
                                          locations: Array(assembler.locations.values), categoryTerms: Array(assembler.terms.values))
        return (directory, assembler.badRows)
    }

    private mutating func take(_ row: HSDSRow, into table: HSDSTable) {
        let id = row["id"]
        do throws(Problem) {
            try checkID(id, table: table)
            try add(row, id: id, to: table)
            accepted[table, default: []].insert(id)
        } catch {
            badRows.append(HSDSBadRow(origin: row.origin, reason: error.reason))
            if !id.isEmpty, accepted[table]?.contains(id) != true, rejected[table]?[id] == nil {
                rejected[table, default: [:]][id] = row.origin
            }
        }
        if !id.isEmpty, seen[table]?[id] == nil { seen[table, default: [:]][id] = row.origin }
    }

    private mutating func add(_ row: HSDSRow, id: String, to table: HSDSTable) throws(Problem) {
        switch table {
        case .taxonomyTerms:
            terms[id] = ResourceCategoryTerm(id: id, code: row.optional("code"), name: try required(row, "name"),
                                             description: row.optional("description"), taxonomy: row.optional("taxonomy"))
        case .organizations:
            let email = try Self.email(row)
            organizations[id] = ResourceOrganization(id: id, name: try required(row, "name"), description: row.optional("description"),
                                                     email: email, website: row.optional("website"))
        case .services: services[id] = try service(row, id: id)
        case .locations: locations[id] = try location(row, id: id)
        case .addresses:
            let locationID = try reference(row, "location_id", to: .locations)
            let address = try address(row, id: id)
            locations[locationID]?.addresses.append(address)
        case .serviceAtLocation:
            let serviceID = try reference(row, "service_id", to: .services)
            let locationID = try reference(row, "location_id", to: .locations)
            services[serviceID]?.locationIDs.append(locationID)
        case .phones: try addPhone(row, id: id)
        case .schedules: try addHours(row, id: id)
        case .languages: try addLanguage(row, id: id)
        case .requiredDocuments:
            let serviceID = try reference(row, "service_id", to: .services)
            let document = try required(row, "document")
            services[serviceID]?.requiredDocuments.append(ResourceRequiredDocument(id: id, document: document))
        case .attributes: try addAttribute(row)
        }
    }

    private func service(_ row: HSDSRow, id: String) throws(Problem) -> ResourceService {
        let organizationID = try reference(row, "organization_id", to: .organizations)
        let name = try required(row, "name")
        let statusText = try required(row, "status")
        guard let status = ServiceStatus(rawValue: statusText.lowercased()) else {
            throw Problem("unknown status '\(statusText)'; use active, inactive, defunct or temporarily closed")
        }
        let minimumAge = try Self.age(row, "minimum_age"), maximumAge = try Self.age(row, "maximum_age")
        if let minimumAge, let maximumAge, minimumAge > maximumAge {
            throw Problem("minimum_age \(minimumAge) is above maximum_age \(maximumAge); swap them or clear one")
        }
        return ResourceService(id: id, organizationID: organizationID, name: name, description: row.optional("description"), status: status,
                               url: row.optional("url"), email: try Self.email(row), eligibility: row.optional("eligibility_description"),
                               minimumAge: minimumAge, maximumAge: maximumAge, fees: row.optional("fees_description"),
                               applicationProcess: row.optional("application_process"))
    }

    private func location(_ row: HSDSRow, id: String) throws(Problem) -> ResourceLocation {
        let organizationID = try optionalReference(row, "organization_id", to: .organizations)
        var kind = ResourceLocation.Kind.physical
        if let text = row.optional("location_type") {
            guard let parsed = ResourceLocation.Kind(rawValue: text.lowercased()) else {
                throw Problem("unknown location_type '\(text)'; use physical, postal or virtual")
            }
            kind = parsed
        }
        return ResourceLocation(id: id, organizationID: organizationID, name: row.optional("name"), kind: kind,
                                point: try Self.coordinates(row), transportation: row.optional("transportation"))
    }

    private func address(_ row: HSDSRow, id: String) throws(Problem) -> ResourceAddress {
        let line1 = try required(row, "address_1"), city = try required(row, "city")
        let state = try required(row, "state_province"), postalCode = try required(row, "postal_code")
        let country = row.optional("country")?.uppercased() ?? "US"
        if country == "US", postalCode.wholeMatch(of: /\d{5}(-\d{4})?/) == nil {
            throw Problem("bad ZIP '\(postalCode)'; use 5 digits or ZIP+4, e.g. 43215 or 43215-1234")
        }
        var kind = ResourceLocation.Kind.physical
        if let text = row.optional("address_type") {
            guard let parsed = ResourceLocation.Kind(rawValue: text.lowercased()) else {
                throw Problem("unknown address_type '\(text)'; use physical, postal or virtual")
            }
            kind = parsed
        }
        return ResourceAddress(id: id, line1: line1, line2: row.optional("address_2"), city: city, state: state,
                               postalCode: postalCode, country: country, kind: kind)
    }

    /// A phone belongs to the service when it names one, else to the location, else to the organization.
    private mutating func addPhone(_ row: HSDSRow, id: String) throws(Problem) {
        let number = try required(row, "number")
        guard number.count(where: \.isNumber) >= 3 else { throw Problem("bad phone number '\(number)'; write it with its digits, e.g. 614-555-0100") }
        let serviceID = try optionalReference(row, "service_id", to: .services)
        let locationID = try optionalReference(row, "location_id", to: .locations)
        let organizationID = try optionalReference(row, "organization_id", to: .organizations)
        let phone = ResourcePhone(id: id, number: number, extensionNumber: row.optional("extension"), type: row.optional("type")?.lowercased(),
                                  description: row.optional("description"))
        if let serviceID { services[serviceID]?.phones.append(phone) }
        else if let locationID { locations[locationID]?.phones.append(phone) }
        else if let organizationID { organizations[organizationID]?.phones.append(phone) }
        else { throw Problem("the phone belongs to nothing; fill in service_id, location_id or organization_id") }
    }

    private mutating func addHours(_ row: HSDSRow, id: String) throws(Problem) {
        let serviceID = try optionalReference(row, "service_id", to: .services)
        let locationID = try optionalReference(row, "location_id", to: .locations)
        let days = row["byday"].uppercased().split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
        if let bad = days.first(where: { $0.wholeMatch(of: /[+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU)/) == nil }) {
            throw Problem("bad byday '\(bad)'; list weekday codes such as MO,WE,FR")
        }
        let frequency = row.optional("freq")?.uppercased()
        if let frequency, frequency != "WEEKLY", frequency != "MONTHLY" { throw Problem("bad freq '\(frequency)'; use WEEKLY or MONTHLY") }
        let opensAt = try Self.time(row, "opens_at"), closesAt = try Self.time(row, "closes_at")
        let hours = ResourceHours(id: id, days: days, opensAt: opensAt, closesAt: closesAt, frequency: frequency, description: row.optional("description"))
        if let serviceID { services[serviceID]?.hours.append(hours) }
        else if let locationID { locations[locationID]?.hours.append(hours) }
        else { throw Problem("the schedule belongs to nothing; fill in service_id or location_id") }
    }

    private mutating func addLanguage(_ row: HSDSRow, id: String) throws(Problem) {
        let serviceID = try optionalReference(row, "service_id", to: .services)
        let locationID = try optionalReference(row, "location_id", to: .locations)
        let language = ResourceLanguage(id: id, name: row.optional("name"), code: row.optional("code"))
        guard language.name != nil || language.code != nil else { throw Problem("missing language; fill in name or code, e.g. Spanish or es") }
        if let serviceID { services[serviceID]?.languages.append(language) }
        else if let locationID { locations[locationID]?.languages.append(language) }
        else { throw Problem("the language belongs to nothing; fill in service_id or location_id") }
    }

    /// Only attributes that classify a service are used; others (on organizations, locations) are accepted and left aside.
    private mutating func addAttribute(_ row: HSDSRow) throws(Problem) {
        guard try required(row, "link_entity").lowercased() == "service" else { return }
        let serviceID = try reference(row, "link_id", to: .services)
        let termID = try reference(row, "taxonomy_term_id", to: .taxonomyTerms)
        if let term = terms[termID] { services[serviceID]?.categories.append(term) }
    }

    private func checkID(_ id: String, table: HSDSTable) throws(Problem) {
        guard !id.isEmpty else { throw Problem("missing id; give every \(table.recordName) a unique id") }
        if let first = seen[table]?[id] {
            throw Problem("duplicate \(table.recordName) id '\(id)', first used at \(first); give each row its own id")
        }
    }

    private func required(_ row: HSDSRow, _ column: String) throws(Problem) -> String {
        guard let value = row.optional(column) else { throw Problem("missing \(column); fill it in") }
        return value
    }

    /// The id in `column`, which must name a record already imported from `table`.
    private func reference(_ row: HSDSRow, _ column: String, to table: HSDSTable) throws(Problem) -> String {
        let id = try required(row, column)
        if accepted[table]?.contains(id) == true { return id }
        if let origin = rejected[table]?[id] {
            throw Problem("\(column) '\(id)' points to a \(table.recordName) that was not imported (\(origin)); fix that row first")
        }
        throw Problem("unknown \(table.recordName) id '\(id)' in \(column); add it to \(table.fileName) or correct the id")
    }

    private func optionalReference(_ row: HSDSRow, _ column: String, to table: HSDSTable) throws(Problem) -> String? {
        guard row.optional(column) != nil else { return nil }
        return try reference(row, column, to: table)
    }

    private static func coordinates(_ row: HSDSRow) throws(Problem) -> GeoPoint? {
        let latitude = row["latitude"], longitude = row["longitude"]
        if latitude.isEmpty && longitude.isEmpty { return nil }
        guard !latitude.isEmpty, !longitude.isEmpty else {
            throw Problem("bad coordinates: latitude and longitude go together; give both or neither")
        }
        guard let lat = Double(latitude), let lon = Double(longitude), let point = GeoPoint(latitude: lat, longitude: lon) else {
            throw Problem("bad coordinates '\(latitude), \(longitude)'; use decimal degrees, latitude −90…90 and longitude −180…180")
        }
        guard lat != 0 || lon != 0 else { throw Problem("bad coordinates 0, 0 (a missing value written as zero); leave both empty instead") }
        return point
    }

    private static func age(_ row: HSDSRow, _ column: String) throws(Problem) -> Int? {
        guard let text = row.optional(column) else { return nil }
        let whole = text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        guard let age = Int(whole), (0...130).contains(age) else { throw Problem("bad \(column) '\(text)'; use whole years, 0 to 130") }
        return age
    }

    private static func email(_ row: HSDSRow) throws(Problem) -> String? {
        guard let email = row.optional("email") else { return nil }
        guard email.wholeMatch(of: /[^@\s]+@[^@\s]+\.[^@\s]+/) != nil else { throw Problem("bad email '\(email)'; use name@example.org") }
        return email
    }

    /// Reads "09:00", "9:00", "09:00:00", "09:00Z" or "09:00-05:00" as a wall-clock time (the zone is set aside).
    private static func time(_ row: HSDSRow, _ column: String) throws(Problem) -> ClockTime? {
        guard let text = row.optional(column) else { return nil }
        var clock = Substring(text.uppercased())
        if clock.hasSuffix("Z") { clock = clock.dropLast() }
        if let sign = clock.firstIndex(where: { $0 == "+" || $0 == "-" }) { clock = clock[..<sign] }
        if clock.count(where: { $0 == ":" }) == 2, let last = clock.lastIndex(of: ":") { clock = clock[..<last] }
        guard let time = ClockTime(String(clock)) else { throw Problem("bad \(column) '\(text)'; use HH:MM on a 24-hour clock, e.g. 09:00") }
        return time
    }
}
