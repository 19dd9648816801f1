import Fluent
import Foundation
import HearthCore
import Vapor

/// Staff profiles and credentials: supervisors and administrators keep them; each person may read their own.
struct StaffController {
    struct ProfileForm: Content {
        var discipline: String?
        var homeAddress: String?
        var latitude: String?
        var longitude: String?
        var start: String?
        var end: String?
        var days: String?
        /// The break owed each day worked: its length and the window it is taken in; no length, no break.
        var breakMinutes: String?
        var breakFrom: String?
        var breakUntil: String?
        /// The field team ("East"): a supervisor plans one team's day at a time.
        var team: String?
    }

    struct CredentialForm: Content {
        var type: String?
        var state: String?
        var number: String?
        var issued: String?
        var expires: String?
    }

    /// `GET /staff`: everyone who works for the agency, credentials that need attention first.
    func list(req: Request) async throws -> HTML {
        try await PatientAccess.authorize(.manageStaff, on: req)
        let today = req.agencyToday
        let users = try await User.query(on: req.db).filter(\.$role != Role.admin.rawValue).sort(\.$displayName).all()
        let profiles = try await StaffProfileRecord.query(on: req.db).all()
        let disciplines = Dictionary(profiles.map { ($0.$user.id, $0.discipline) }, uniquingKeysWith: { a, _ in a })
        let credentials = Dictionary(grouping: try await CredentialRecord.query(on: req.db).all(), by: { $0.$user.id })
        try await req.auditRead("staff.list")
        let expiring = try await StaffStore.expiring(today: today, on: req.db)
        return try StaffListPage(
            shell: PageShell(request: req, title: "Staff"),
            alerts: expiring.map { row, credential in
                let status = credential.status(on: today)
                return .init(href: SiteURL.staffMember(row.$user.id).path, name: row.user.displayName, credential: credential.name,
                             status: status.summary, flag: status.flag)
            },
            staff: try users.map { user in
                let id = try user.requireID()
                let statuses = (credentials[id] ?? []).compactMap(StaffStore.credential).map { $0.status(on: today) }
                let worst = statuses.first { !$0.isInForce } ?? statuses.filter { if case .expiring = $0 { true } else { false } }.first
                return .init(href: SiteURL.staffMember(id).path, name: user.displayName, role: Role(rawValue: user.role)?.title ?? user.role,
                             discipline: disciplines[id].flatMap(StaffDiscipline.init(rawValue:))?.title ?? "not recorded",
                             credentials: statuses.count, attention: worst?.summary, flag: worst?.flag ?? "ok")
            }).html
    }

    /// `GET /staff/:userID`.
    func show(req: Request) async throws -> HTML {
        let user = try await member(req)
        try await req.auditRead("staff.read", resourceType: "Practitioner", resourceID: user.id?.uuidString)
        return try await page(user, profileForm: nil, profileProblems: [:], credentialForm: nil, credentialProblems: [:], req).html
    }

    /// `POST /staff/:userID/profile`: discipline, home base and working hours.
    func saveProfile(req: Request) async throws -> Response {
        let user = try await member(req, writing: true)
        let form = try req.content.decode(ProfileForm.self)
        var problems: [String: String] = [:]
        let discipline = StaffDiscipline(code: form.discipline ?? "")
        if discipline == nil { problems["discipline"] = "Choose the discipline the person is licensed or certified in." }
        let lat = Double(form.latitude ?? ""), lon = Double(form.longitude ?? "")
        let hasCoordinates = !(form.latitude ?? "").isEmpty || !(form.longitude ?? "").isEmpty
        if hasCoordinates && (lat == nil || lon == nil || GeoPoint(latitude: lat ?? 999, longitude: lon ?? 999) == nil) {
            problems["latitude"] = "Give both coordinates of the home base in decimal degrees, e.g. 39.9612 and -82.9988."
        }
        let start = ClockTime(form.start ?? ""), end = ClockTime(form.end ?? "")
        if start == nil || end == nil || !(start! < end!) { problems["start"] = "Give the working day as two times, start before end, e.g. 08:00 and 16:30." }
        let weekdays = form.days == "mon-sat" ? Array(1...6) : form.days == "every-day" ? Array(1...7) : Array(1...5)
        let lunch = Self.mealBreak(form, within: start.flatMap { start in end.flatMap { WorkingHours.Shift(start: start, end: $0) } }, problems: &problems)
        guard problems.isEmpty, let discipline, let start, let end, let shift = WorkingHours.Shift(start: start, end: end) else {
            return try await page(user, profileForm: form, profileProblems: problems, credentialForm: nil, credentialProblems: [:], req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let userID = try user.requireID()
        let row = try await StaffProfileRecord.query(on: req.db).filter(\.$user.$id == userID).first() ?? StaffProfileRecord()
        row.$user.id = userID
        row.discipline = discipline.rawValue
        row.homeAddress = form.homeAddress?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        row.homeLatitude = hasCoordinates ? lat : nil
        row.homeLongitude = hasCoordinates ? lon : nil
        row.team = form.team?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        row.workingHours = try StaffStore.encode(WorkingHours(shifts: Dictionary(uniqueKeysWithValues: weekdays.map { ($0, shift) }), mealBreak: lunch))
        try await req.auditedWrite { db, audit in
            try await row.save(on: db)
            try await audit("staff.profile", resourceType: "Practitioner", resourceID: userID.uuidString)
        }
        return req.redirect(to: SiteURL.staffMember(userID).path)
    }

    /// The break the form gives, nil for none (no length given); a problem by the field when it is malformed, longer
    /// than its window, or outside the working day.
    static func mealBreak(_ form: ProfileForm, within shift: WorkingHours.Shift?, problems: inout [String: String]) -> WorkingHours.Break? {
        let length = (form.breakMinutes ?? "").trimmingCharacters(in: .whitespaces)
        guard !length.isEmpty, length != "0" else { return nil }
        guard let minutes = Int(length), (1...240).contains(minutes) else {
            problems["breakMinutes"] = "Give the break's length in whole minutes, e.g. 30, or leave it empty for no break."
            return nil
        }
        guard let from = ClockTime(form.breakFrom ?? ""), let until = ClockTime(form.breakUntil ?? ""), from < until else {
            problems["breakFrom"] = "Give the window the break is taken in as two times, the first earlier, e.g. 11:30 and 13:30."
            return nil
        }
        guard let lunch = WorkingHours.Break(from: from, until: until, minutes: minutes) else {
            problems["breakMinutes"] = "A \(minutes)-minute break does not fit between \(from) and \(until). Shorten the break or widen its window."
            return nil
        }
        if let shift, !lunch.fits(in: shift) {
            problems["breakFrom"] = "The break's window \(from)–\(until) must lie inside the working day \(shift). Move the window or change the hours."
        }
        return lunch
    }

    /// `POST /staff/:userID/credentials`: a license or certification as verified with the board.
    func addCredential(req: Request) async throws -> Response {
        let user = try await member(req, writing: true)
        let form = try req.content.decode(CredentialForm.self)
        var problems: [String: String] = [:]
        let type = CredentialType(rawValue: form.type ?? "")
        if type == nil { problems["type"] = "Choose the kind of license or certification." }
        let issued = (form.issued ?? "").isEmpty ? nil : CalendarDate(form.issued ?? "")
        if !(form.issued ?? "").isEmpty && issued == nil { problems["issued"] = "Give the issue date as YYYY-MM-DD." }
        let expires = (form.expires ?? "").isEmpty ? nil : CalendarDate(form.expires ?? "")
        if !(form.expires ?? "").isEmpty && expires == nil { problems["expires"] = "Give the expiry date as YYYY-MM-DD, as printed on the credential." }
        if let type, type.isStateIssued, (form.expires ?? "").isEmpty { problems["expires"] = "A \(type) expires: give the date printed on it." }
        var credential: Credential?
        if let type {
            let candidate = Credential(id: UUID().uuidString, type: type, state: form.state?.nilIfEmpty, number: form.number ?? "", issued: issued, expires: expires)
            problems.merge(candidate.problems) { mine, _ in mine }
            credential = candidate
        }
        guard problems.isEmpty, let credential else {
            return try await page(user, profileForm: nil, profileProblems: [:], credentialForm: form, credentialProblems: problems, req).html
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let row = CredentialRecord()
        row.$user.id = try user.requireID()
        row.type = credential.type.rawValue
        row.state = credential.state
        row.number = credential.number
        row.issuedOn = credential.issued?.description
        row.expiresOn = credential.expires?.description
        row.$recordedBy.id = try req.currentUser.id
        try await req.auditedWrite { db, audit in
            try await row.create(on: db)
            try await audit("staff.credential", resourceType: "Practitioner", resourceID: user.id?.uuidString, detail: credential.name)
        }
        return req.redirect(to: SiteURL.staffMember(try user.requireID()).path + "#credentials")
    }

    /// The staff member named in the path: supervisors and administrators see anyone; others only themselves.
    func member(_ req: Request, writing: Bool = false) async throws -> User {
        let me = try req.currentUser
        guard let id = req.parameters.get("userID", as: UUID.self), let user = try await User.find(id, on: req.db) else { throw AppError.notFound() }
        if id != me.id || writing { try await PatientAccess.authorize(.manageStaff, on: req) }
        return user
    }

    func page(_ user: User, profileForm: ProfileForm?, profileProblems: [String: String], credentialForm: CredentialForm?,
              credentialProblems: [String: String], inServiceForm: InServiceForm? = nil, inServiceProblems: [String: String] = [:],
              _ req: Request) async throws -> StaffPage {
        let userID = try user.requireID()
        let today = req.agencyToday
        let row = try await StaffProfileRecord.query(on: req.db).filter(\.$user.$id == userID).first()
        let hours = StaffStore.workingHours(row)
        let shift = hours.shifts.values.first
        let profile = profileForm ?? ProfileForm(
            discipline: row?.discipline, homeAddress: row?.homeAddress, latitude: row?.homeLatitude.map { String($0) },
            longitude: row?.homeLongitude.map { String($0) }, start: shift?.start.description ?? "08:00", end: shift?.end.description ?? "16:30",
            days: hours.shifts.count == 7 ? "every-day" : hours.shifts.count == 6 ? "mon-sat" : "mon-fri",
            breakMinutes: hours.mealBreak.map { String($0.minutes) }, breakFrom: hours.mealBreak?.from.description,
            breakUntil: hours.mealBreak?.until.description, team: row?.team)
        let credential = credentialForm ?? CredentialForm()
        let credentials = try await CredentialRecord.query(on: req.db).filter(\.$user.$id == userID).sort(\.$expiresOn).all()
        let canWrite = try req.currentUser.may(.manageStaff)
        let observation = try await StaffStore.aideObservations(aideIDs: [userID], supervision: req.application.aideSupervision, now: req.now,
                                                                 zone: req.application.settings.agencyTimeZone, on: req.db).first.map { _, owed in
            "\(owed.title): " + (owed.daysOverdue.map { "overdue \($0) days (was due \(owed.window.dueDay))" } ?? "due \(owed.window.dueDay)") + " [\(owed.citation)]"
        }
        return StaffPage(
            shell: PageShell(request: req, title: user.displayName), name: user.displayName, role: Role(rawValue: user.role)?.title ?? user.role,
            observation: observation,
            inService: try await inServiceSection(user, form: inServiceForm, problems: inServiceProblems, canWrite: canWrite, req: req),
            hours: hours.shifts.isEmpty ? "not recorded" : "\(shift.map(\.description) ?? "") · \(hours.shifts.count == 5 ? "Monday to Friday" : "\(hours.shifts.count) days a week")"
                + (hours.mealBreak.map { " · break \($0)" } ?? ""),
            canWrite: canWrite,
            credentials: credentials.compactMap { row in
                StaffStore.credential(row).map { c in
                    let status = c.status(on: today)
                    return .init(name: c.name, number: c.number, issued: c.issued?.description ?? "", expires: c.expires?.description ?? "does not expire",
                                 status: status.summary, flag: status.flag)
                }
            },
            profile: PageForm(action: SiteURL.staffMember(userID, .profile).path, fields: [
                .select("discipline", "Discipline", profile.discipline, StaffDiscipline.allCases.map { ($0.rawValue, $0.title) }, profileProblems, prefix: "staff-"),
                .text("homeAddress", "Home base (where the day starts)", profile.homeAddress, profileProblems, prefix: "staff-", wide: true),
                .text("latitude", "Latitude", profile.latitude, profileProblems, prefix: "staff-"),
                .text("longitude", "Longitude", profile.longitude, profileProblems, prefix: "staff-"),
                .text("start", "Starts at", profile.start, profileProblems, prefix: "staff-", type: "time"),
                .text("end", "Ends at", profile.end, profileProblems, prefix: "staff-", type: "time"),
                .select("days", "Works", profile.days, [("mon-fri", "Monday to Friday"), ("mon-sat", "Monday to Saturday"), ("every-day", "Every day")],
                        profileProblems, prefix: "staff-"),
                .text("breakMinutes", "Break (minutes)", profile.breakMinutes, profileProblems, prefix: "staff-", hint: "e.g. 30 for lunch; empty for none"),
                .text("breakFrom", "Break taken from", profile.breakFrom, profileProblems, prefix: "staff-", type: "time"),
                .text("breakUntil", "Break taken until", profile.breakUntil, profileProblems, prefix: "staff-", type: "time"),
                .text("team", "Field team", profile.team, profileProblems, prefix: "staff-", hint: "e.g. East; a supervisor plans one team's day at a time"),
            ], error: PageForm.refusal(profileProblems)),
            credentialForm: PageForm(action: SiteURL.staffMember(userID, .credentials).path, fields: [
                .select("type", "Credential", credential.type, CredentialType.allCases.map { ($0.rawValue, $0.description) }, credentialProblems, prefix: "cred-"),
                .text("state", "Issuing state", credential.state, credentialProblems, prefix: "cred-", hint: "Two letters; empty for a national certification"),
                .text("number", "Number", credential.number, credentialProblems, prefix: "cred-"),
                .text("issued", "Issued", credential.issued, credentialProblems, prefix: "cred-", type: "date"),
                .text("expires", "Expires (last valid day)", credential.expires, credentialProblems, prefix: "cred-", type: "date"),
            ], error: PageForm.refusal(credentialProblems)))
    }
}
