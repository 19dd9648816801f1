import Fluent
import Foundation
import HearthCore
import Vapor

/// The file of audit checkpoints outside the database (`HEARTH_AUDIT_CHECKPOINTS`): only ever appended to, each line
/// flushed to disk before the sealer goes on. Point it at storage the database's owner cannot rewrite (another host's
/// mount, a file with `chattr +a`), or ship it on with syslog.
struct AuditCheckpointFile: Sendable {
    var path: String

    struct Unreadable: Error, CustomStringConvertible {
        var path: String
        var description: String { "the audit checkpoint file '\(path)' cannot be read: check HEARTH_AUDIT_CHECKPOINTS and its permissions" }
    }

    func append(_ checkpoint: AuditCheckpoint, key: AuditKey?) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard descriptor >= 0 else { throw Unreadable(path: path) }
        defer { close(descriptor) }
        let bytes = Array((checkpoint.line(key: key) + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else { throw Unreadable(path: path) }
    }

    /// Every checkpoint in the file, or the number of the first line that is not one signed with this key.
    func read(key: AuditKey?) throws -> Result<[AuditCheckpoint], AuditVerifier.Problem> {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw Unreadable(path: path)
        }
        var checkpoints: [AuditCheckpoint] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard let checkpoint = AuditCheckpoint.parse(String(line), key: key) else { return .failure(.badCheckpoint(line: index + 1)) }
            checkpoints.append(checkpoint)
        }
        return .success(checkpoints)
    }
}

extension Application {
    /// Writes the chain's current head to the checkpoint file, if one is configured and the chain is not empty.
    @discardableResult
    func checkpointAuditChain(on db: (any Database)? = nil) async throws -> ChainHead? {
        guard let path = settings.auditCheckpoints,
              let stored = try await AuditChainHead.find(AuditChainHead.rowID, on: db ?? self.db) else { return nil }
        let head = ChainHead(sequence: stored.sequence, hash: stored.hash)
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        try AuditCheckpointFile(path: path).append(AuditCheckpoint(head: head, takenAtMillis: now), key: settings.auditKey)
        return head
    }
}

extension Application {
    /// The demo on an SQLite file keys its audit chain and checkpoints it without setup: `audit.key` (made once, readable
    /// by its owner only) and `audit-checkpoints.log` beside the database, which every later command then finds.
    /// Keeping the key beside the data suits a demo only; an agency sets HEARTH_AUDIT_KEY and HEARTH_AUDIT_CHECKPOINTS.
    func useDemoAuditFiles() throws {
        guard case .sqliteFile(let path) = settings.database else { return }
        let directory = (path as NSString).deletingLastPathComponent
        if settings.auditKey == nil {
            let keyPath = Settings.demoKeyPath(directory)
            let text = AuditKey.generate()
            guard FileManager.default.createFile(atPath: keyPath, contents: Data((text + "\n").utf8), attributes: [.posixPermissions: 0o600]),
                  let key = AuditKey(text) else { throw AuditCheckpointFile.Unreadable(path: keyPath) }
            settings.auditKey = key
        }
        if settings.auditCheckpoints == nil {
            settings.auditCheckpoints = Settings.demoCheckpointsPath(directory)
        }
    }
}
