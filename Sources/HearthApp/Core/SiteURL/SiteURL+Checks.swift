import Foundation

/// Questions asked of an address a request came to, rather than of one Hearth builds.
extension SiteURL {
    /// A path on this site to return to after signing in. Only printable URL characters: a tab or new line
    /// ("/%09/evil.example") is dropped by browsers, turning "/\t/evil" into "//evil", another site (issue 20 #4).
    static func isSafeReturnPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.hasPrefix(SiteURL.logout.path)
            && path.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }
    }

    /// The only pages open to someone whose role requires two-step sign-in before they have set it up.
    static let twoStepSetupPaths: Set<String> = [SiteURL.account(.twoStepSetup).path, SiteURL.account(.twoStepConfirm).path, SiteURL.logout.path]

    /// The patient a `/patients/<id>/…` address names, if it names one.
    static func patientID(inPath path: String) -> UUID? {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[0] == "patients" else { return nil }
        return UUID(uuidString: String(parts[1]))
    }
}
