import Fluent
import Foundation
import HearthCore
import Vapor

/// `hearth client register|list|revoke`: SMART Backend Services clients, as the administrator's page manages them.
struct ClientCommand: AsyncCommandGroup {
    var help: String { "Registers, lists and revokes SMART Backend Services clients (JWT client assertions)." }
    var commands: [String: any AnyAsyncCommand] {
        ["register": RegisterClientCommand(), "list": ListClientsCommand(), "revoke": RevokeClientCommand()]
    }
}

/// `hearth client register --name N --username U --scopes "system/Patient.rs" --jwks-file keys.json`: prints the client id.
struct RegisterClientCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "name", help: "What the client is, e.g. 'Acme HIE nightly sync'") var name: String?
        @Option(name: "username", help: "The user or service account it acts as") var username: String?
        @Option(name: "scopes", help: "SMART v2 scopes it may ask for, separated by spaces, e.g. 'system/Patient.rs system/Coverage.rs'") var scopes: String?
        @Option(name: "jwks-file", help: "A file holding the client's public JSON Web Key Set") var jwksFile: String?
    }

    var help: String { "Registers a client: its public keys (JWKS), the scopes it may ask for and the user it acts as." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let path = signature.jwksFile, let data = FileManager.default.contents(atPath: path), let jwks = String(data: data, encoding: .utf8) else {
            throw CommandFailure("--jwks-file must name a readable file holding the client's public JSON Web Key Set.")
        }
        try await context.application.requireMigrated()
        let form = ClientRegistration.Form(name: signature.name ?? "", jwks: jwks, scopes: signature.scopes ?? "", username: signature.username ?? "")
        let client = try await cli { try await ClientRegistration.register(form, by: .commandLine, on: context.application.db) }
        context.console.print(client.clientID)
        context.console.print("Client '\(client.name)' registered with scopes \(client.scopes). Its assertions name \(client.clientID) as iss and sub, and the token URL (https://<this server>\(SiteURL.oauthToken.path)) as aud.")
    }
}

/// `hearth client list`: id, name, acts as, scopes, keys, registered, state.
struct ListClientsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Lists clients: id, name, the user each acts as, scopes, key ids, registered and whether revoked." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.requireMigrated()
        context.console.print(["id", "name", "acts as", "scopes", "keys", "registered", "state"].joined(separator: "\t"))
        for row in try await ClientRow.all(on: context.application.db) {
            context.console.print([row.id, row.name, row.actsAs, row.scopes, row.keys, row.registered, row.state].joined(separator: "\t"))
        }
    }
}

/// `hearth client revoke ID`: the client's next token request, and its tokens' next requests, are refused.
struct RevokeClientCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "id", help: "The client's id, as `hearth client list` shows it") var id: String
    }

    var help: String { "Revokes a client: its token requests and the access tokens it holds are refused from now on." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.requireMigrated()
        let db = context.application.db
        guard let id = UUID(uuidString: signature.id), let client = try await OAuthClient.find(id, on: db) else {
            throw CommandFailure("no client with id '\(signature.id)': see `hearth client list`.")
        }
        if client.revokedAt != nil {
            context.console.print("Client \(client.clientID) was already revoked.")
            return
        }
        try await ClientRegistration.revoke(client, by: .commandLine, on: db)
        context.console.print("Revoked client \(client.clientID) ('\(client.name)').")
    }
}
