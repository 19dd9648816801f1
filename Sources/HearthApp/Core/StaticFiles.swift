import Foundation
import Vapor

/// The files in `Public/` (`/css/…`, `/js/…`), served by Vapor's `FileMiddleware`; a request for anything else goes
/// straight on to the routes. `FileMiddleware` alone looks on the disk for every request — a chart or a FHIR read first
/// asks whether `Public/patients/{id}` is a file (~0.8% of a FHIR read's CPU in issue 19's profile).
struct StaticFiles: Middleware {
    let files: FileMiddleware
    /// What `Public/` holds when the app starts: "/css/" for a folder, "/robots.txt" for a file.
    let prefixes: [String]

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? []
        prefixes = names.map { name in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: URL(fileURLWithPath: publicDirectory).appendingPathComponent(name).path, isDirectory: &isFolder)
            return "/" + name + (isFolder.boolValue ? "/" : "")
        }
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let path = request.url.path
        return prefixes.contains { path.hasPrefix($0) } ? files.respond(to: request, chainingTo: next) : next.respond(to: request)
    }
}
