import Foundation

/// The community directory as a set of HSDS CSV files (Open Referral HSDS tabular data package: one file per table).
public enum HSDSCSV {
    /// Imports files given by name ("organizations.csv" → text). A missing required file or column refuses the whole
    /// import; otherwise every row is checked on its own and the result holds the good records and the bad rows.
    /// With `skipBad` false, any bad row means nothing may be saved (`importable` is nil).
    public static func importFiles(_ files: [String: String], skipBad: Bool) throws(HSDSImportError) -> HSDSImportResult {
        let byName = Dictionary(files.map { ($0.key.lowercased(), ($0.key, $0.value)) }, uniquingKeysWith: { first, _ in first })
        var tables: [HSDSTable: [HSDSRow]] = [:]
        var badRows: [HSDSBadRow] = []
        for table in HSDSTable.allCases {
            guard let file = table.acceptedFileNames.lazy.compactMap({ byName[$0] }).first else {
                if table.isRequiredFile { throw .missingFile(table.fileName) }
                continue
            }
            let read = try rows(of: file.1, file: file.0, table: table)
            tables[table] = read.rows
            badRows += read.bad
        }
        let assembled = HSDSAssembler.assemble(tables)
        return HSDSImportResult(directory: assembled.directory, badRows: sorted(badRows + assembled.badRows), skipBad: skipBad)
    }

    /// The directory as HSDS CSV files by file name; importing them gives the same directory back.
    public static func export(_ directory: ResourceDirectory) -> [String: String] {
        let tables = HSDSExportRows.tables(of: directory)
        var files: [String: String] = [:]
        for table in HSDSTable.allCases {
            let rows = tables[table] ?? []
            files[table.fileName] = CSV.write([table.columns] + rows.map { row in table.columns.map { row[$0] ?? "" } })
        }
        return files
    }

    /// The file's rows by column name; rows with the wrong number of fields are reported, not read.
    private static func rows(of text: String, file: String, table: HSDSTable) throws(HSDSImportError) -> (rows: [HSDSRow], bad: [HSDSBadRow]) {
        let records: [CSVRecord]
        do {
            records = try CSV.parse(text)
        } catch {
            throw .malformedCSV(file: file, line: error.line, reason: error.reason)
        }
        let header = records.first?.fields.map { $0.trimmed.lowercased() } ?? []
        if let missing = table.requiredColumns.first(where: { !header.contains($0) }) { throw .missingColumn(file: file, column: missing) }
        var rows: [HSDSRow] = [], bad: [HSDSBadRow] = []
        for record in records.dropFirst() {
            let origin = HSDSRowOrigin(file: file, line: record.line)
            guard record.fields.count == header.count else {
                bad.append(HSDSBadRow(origin: origin, reason: "has \(record.fields.count) fields but the header has \(header.count); "
                                      + "quote any field that contains a comma"))
                continue
            }
            var values: [String: String] = [:]
            for (column, value) in zip(header, record.fields) where values[column] == nil { values[column] = value }
            rows.append(HSDSRow(origin: origin, values: values))
        }
        return (rows, bad)
    }

    /// Bad rows in table order, then by line.
    static func sorted(_ rows: [HSDSBadRow]) -> [HSDSBadRow] {
        func rank(_ row: HSDSBadRow) -> Int {
            HSDSTable.allCases.firstIndex { $0.acceptedFileNames.contains(row.origin.file.lowercased()) } ?? HSDSTable.allCases.count
        }
        return rows.enumerated().sorted { a, b in
            (rank(a.element), a.element.origin.line ?? 0, a.offset) < (rank(b.element), b.element.origin.line ?? 0, b.offset)
        }.map(\.element)
    }
}

extension HSDSTable {
    /// The HSDS 3 tabular names are singular ("service.csv"), many publishers use plurals; both are read.
    var acceptedFileNames: [String] {
        switch self {
        case .taxonomyTerms: ["taxonomy_terms.csv", "taxonomy_term.csv"]
        case .addresses: ["addresses.csv", "address.csv"]
        case .serviceAtLocation: ["service_at_location.csv", "services_at_location.csv", "service_at_locations.csv"]
        default: [fileName, String(rawValue.dropLast()) + ".csv"]
        }
    }
}

/// The directory written out as rows of each HSDS table (text by column), shared by the CSV and JSON exports.
/// Link rows get ids made from what they link: "svc-meals@loc-north", "svc-meals:term-food".
enum HSDSExportRows {
    static func tables(of directory: ResourceDirectory) -> [HSDSTable: [[String: String]]] {
        var tables: [HSDSTable: [[String: String]]] = [:]
        func add(_ table: HSDSTable, _ row: [String: String?]) { tables[table, default: []].append(row.compactMapValues { $0 }) }

        let serviceTerms = directory.services.flatMap(\.categories)
        for term in (directory.categoryTerms + serviceTerms).byID() {
            add(.taxonomyTerms, ["id": term.id, "code": term.code, "name": term.name, "description": term.description, "taxonomy": term.taxonomy])
        }
        for organization in directory.organizations {
            add(.organizations, ["id": organization.id, "name": organization.name, "description": organization.description,
                                 "email": organization.email, "website": organization.website])
            for phone in organization.phones { add(.phones, phoneRow(phone, owner: "organization_id", organization.id)) }
        }
        let locationIDs = Set(directory.locations.map(\.id))
        for service in directory.services {
            add(.services, serviceRow(service))
            for locationID in service.locationIDs where locationIDs.contains(locationID) {
                add(.serviceAtLocation, ["id": "\(service.id)@\(locationID)", "service_id": service.id, "location_id": locationID])
            }
            for phone in service.phones { add(.phones, phoneRow(phone, owner: "service_id", service.id)) }
            for hours in service.hours { add(.schedules, hoursRow(hours, owner: "service_id", service.id)) }
            for language in service.languages { add(.languages, languageRow(language, owner: "service_id", service.id)) }
            for document in service.requiredDocuments {
                add(.requiredDocuments, ["id": document.id, "service_id": service.id, "document": document.document])
            }
            for term in service.categories {
                add(.attributes, ["id": "\(service.id):\(term.id)", "link_id": service.id, "link_entity": "service", "taxonomy_term_id": term.id])
            }
        }
        for location in directory.locations { addLocation(location, to: &tables) }
        return tables
    }

    private static func addLocation(_ location: ResourceLocation, to tables: inout [HSDSTable: [[String: String]]]) {
        func add(_ table: HSDSTable, _ row: [String: String?]) { tables[table, default: []].append(row.compactMapValues { $0 }) }
        add(.locations, ["id": location.id, "organization_id": location.organizationID, "name": location.name, "location_type": location.kind.rawValue,
                         "latitude": location.point.map { String($0.latitude) }, "longitude": location.point.map { String($0.longitude) },
                         "transportation": location.transportation])
        for address in location.addresses {
            add(.addresses, ["id": address.id, "location_id": location.id, "address_1": address.line1, "address_2": address.line2,
                             "city": address.city, "state_province": address.state, "postal_code": address.postalCode,
                             "country": address.country, "address_type": address.kind.rawValue])
        }
        for phone in location.phones { add(.phones, phoneRow(phone, owner: "location_id", location.id)) }
        for hours in location.hours { add(.schedules, hoursRow(hours, owner: "location_id", location.id)) }
        for language in location.languages { add(.languages, languageRow(language, owner: "location_id", location.id)) }
    }

    private static func serviceRow(_ service: ResourceService) -> [String: String?] {
        ["id": service.id, "organization_id": service.organizationID, "name": service.name, "description": service.description,
         "status": service.status.rawValue, "url": service.url, "email": service.email, "eligibility_description": service.eligibility,
         "minimum_age": service.minimumAge.map(String.init), "maximum_age": service.maximumAge.map(String.init),
         "fees_description": service.fees, "application_process": service.applicationProcess]
    }

    private static func phoneRow(_ phone: ResourcePhone, owner column: String, _ ownerID: String) -> [String: String?] {
        ["id": phone.id, column: ownerID, "number": phone.number, "extension": phone.extensionNumber, "type": phone.type,
         "description": phone.description]
    }

    private static func hoursRow(_ hours: ResourceHours, owner column: String, _ ownerID: String) -> [String: String?] {
        ["id": hours.id, column: ownerID, "freq": hours.frequency, "byday": hours.days.isEmpty ? nil : hours.days.joined(separator: ","),
         "opens_at": hours.opensAt?.description, "closes_at": hours.closesAt?.description, "description": hours.description]
    }

    private static func languageRow(_ language: ResourceLanguage, owner column: String, _ ownerID: String) -> [String: String?] {
        ["id": language.id, column: ownerID, "name": language.name, "code": language.code]
    }
}
