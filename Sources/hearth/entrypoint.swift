import Foundation
import HearthApp
import Logging
import Vapor

@main
enum Entrypoint {
    static func main() async {
        do {
            var env = try Environment.detect()
            try LoggingSystem.bootstrap(from: &env)
            let app = try await Application.make(env)
            do {
                try await configure(app)
                try await app.execute()
                try await app.asyncShutdown()
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
        } catch {
            FileHandle.standardError.write(Data("hearth: \(error)\n".utf8))
            exit(1)
        }
    }
}
