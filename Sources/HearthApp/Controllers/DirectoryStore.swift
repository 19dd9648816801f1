import Fluent
import Foundation
import HearthCore

/// The community resources directory: the newest import is the one in use.
enum DirectoryStore {
    static func current(on db: any Database) async throws -> ResourceDirectory {
        guard let row = try await ResourceDirectoryRecord.query(on: db).sort(\.$importedAt, .descending).first() else { return .empty }
        do { return try JSONDecoder().decode(ResourceDirectory.self, from: Data(row.directoryJSON.utf8)) } catch {
            throw AppError.conflict("The resources directory cannot be read. Import it again with `hearth directory import`.")
        }
    }

    static func save(_ directory: ResourceDirectory, summary: String, by userID: UUID?, on db: any Database) async throws {
        let row = ResourceDirectoryRecord()
        row.directoryJSON = try StoredJSON.encode(directory)
        row.summary = summary
        row.$importedBy.id = userID
        try await row.create(on: db)
    }

    /// Every `*.csv` in a folder by file name, or one `.json` file: what `HSDSCSV` and `HSDSJSON` read.
    static func read(_ path: String, skipBad: Bool) throws -> HSDSImportResult {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CommandFailure("\(path) does not exist: give a folder of HSDS CSV files or an HSDS JSON file.")
        }
        do {
            if !isFolder.boolValue {
                guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path).") }
                return try HSDSJSON.importData(data, file: URL(fileURLWithPath: path).lastPathComponent, skipBad: skipBad)
            }
            var files: [String: String] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: path) where name.lowercased().hasSuffix(".csv") {
                guard let text = try? String(contentsOfFile: path + "/" + name, encoding: .utf8) else { throw CommandFailure("cannot read \(name) as UTF-8 text.") }
                files[name] = text
            }
            return try HSDSCSV.importFiles(files, skipBad: skipBad)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(String(describing: error))
        }
    }
}
