import Foundation
import HearthApp
import Logging
import Vapor

@main
enum Entrypoint {
    static func main() async {
        let app: Application
        do {
            var env = try Environment.detect()
            try LoggingSystem.bootstrap(from: &env)
            app = try await Application.make(env)
            try await configure(app)
        } catch {
            fail(error)
        }
        do {
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            // Vapor has already logged the error as one line; the exit code says it failed.
            try? await app.asyncShutdown()
            exit(1)
        }
    }

    static func fail(_ error: any Error) -> Never {
        FileHandle.standardError.write(Data("hearth: \(error)\n".utf8))
        exit(1)
    }
}
