import Foundation
import HearthCore

/// Synthetic staff profiles and credentials: a discipline from each person's title, an Ohio license (the demo's
/// patients live in Ohio), CPR, a CCM certification for most case managers, and a few credentials about to lapse
/// or lapsed so the staff page and its alerts have something to show.
enum DemoStaff {
    /// Columbus, Ohio: home bases spread around it.
    static let center = (latitude: 39.9612, longitude: -82.9988)

    static func rows(for users: [User], today: CalendarDate) -> (profiles: [StaffProfileRecord], credentials: [CredentialRecord]) {
        var profiles: [StaffProfileRecord] = [], credentials: [CredentialRecord] = []
        for (index, user) in users.enumerated() {
            guard let id = user.id, let discipline = discipline(of: user) else { continue }
            let profile = StaffProfileRecord()
            profile.$user.id = id
            profile.discipline = discipline.rawValue
            profile.homeAddress = "\(100 + index * 7) Demo Street, Columbus, OH (synthetic)"
            profile.homeLatitude = center.latitude + Double(index % 11 - 5) * 0.02
            profile.homeLongitude = center.longitude + Double(index % 7 - 3) * 0.03
            // Two field teams, east and west of the city, so a supervisor can plan one team's day.
            profile.team = index % 7 >= 3 ? "East" : "West"
            var hours = WorkingHours.weekdays(index % 3 == 0 ? "07:30" : "08:00", index % 3 == 0 ? "16:00" : "16:30")
            // A 30-minute lunch between 11:30 and 13:30 (12:00–14:00 for every other person), taken where the route allows.
            hours.mealBreak = WorkingHours.Break(from: ClockTime(index % 2 == 0 ? "11:30" : "12:00")!, until: ClockTime(index % 2 == 0 ? "13:30" : "14:00")!,
                                                 minutes: 30)
            // The demo nurse and aide are on the weekend rotation when the demo starts on a weekend, so they have a day to show.
            if ["clinician", "aide"].contains(user.username), today.isoWeekday > 5 { hours.shifts[today.isoWeekday] = hours.shifts[1] }
            profile.workingHours = (try? StaffStore.encode(hours)) ?? "{}"
            profiles.append(profile)
            // Every 9th person has a credential in an alert band, every 23rd one lapsed: renewals to chase.
            let expiry = index % 23 == 5 ? today.adding(days: -3) : index % 9 == 4 ? today.adding(days: 5 + index % 50) : today.adding(days: 200 + index * 5 % 500)
            if let license = license(for: discipline) {
                credentials.append(credential(id, license, state: "OH", number: "\(license.rawValue.prefix(2).uppercased())\(400_000 + index * 37)",
                                              issued: today.adding(days: -900), expires: expiry))
            }
            credentials.append(credential(id, .cpr, state: nil, number: "CPR-\(70_000 + index)", issued: today.adding(days: -300),
                                          expires: today.adding(days: 430 - index % 400)))
            if Role(rawValue: user.role) == .caseManager && index % 4 != 1 {
                credentials.append(credential(id, .ccmCertification, state: nil, number: "CCM\(10_000 + index)", issued: today.adding(days: -700),
                                              expires: today.adding(days: 1_000)))
            }
            if discipline == .homeHealthAide {
                credentials.append(credential(id, .aideCompetency, state: nil, number: "HHA-\(5_000 + index)", issued: today.adding(days: -200), expires: nil))
            }
        }
        return (profiles, credentials)
    }

    /// In-service training for each aide [42 CFR 484.80(d)]: the demo aide began 200 days ago and has 7.5 of 12 hours;
    /// every third aide began 340 days ago and is short with the period ending within a month (the compliance page's
    /// staff section); the rest began 100 days ago with their 12 hours done.
    static func inServiceTrainings(for users: [User], today: CalendarDate) -> [InServiceTrainingRecord] {
        let topics = ["Infection control and hand hygiene", "Safe transfers and fall prevention", "Caring for persons with dementia",
                      "Recognizing and reporting changes in condition", "Patient rights and abuse prevention"]
        var rows: [InServiceTrainingRecord] = []
        for (index, user) in users.enumerated() where discipline(of: user) == .homeHealthAide {
            guard let id = user.id else { continue }
            let sessions: [(daysAgo: Int, minutes: Int)] = user.username == "aide" ? [(200, 180), (120, 120), (30, 150)]
                : index % 3 == 0 ? [(340, 240), (200, 180)] : [(100, 240), (70, 240), (40, 240)]
            for (number, session) in sessions.enumerated() {
                let row = InServiceTrainingRecord()
                row.$user.id = id
                row.takenOn = today.adding(days: -session.daysAgo).description
                row.minutes = session.minutes
                row.topic = topics[(index + number) % topics.count]
                rows.append(row)
            }
        }
        return rows
    }

    /// "Maria Lopez, RN" → RN; "Dr. Robert Patel" and office staff have none.
    static func discipline(of user: User) -> StaffDiscipline? {
        guard let suffix = user.displayName.split(separator: ",").last.map({ $0.trimmingCharacters(in: .whitespaces) }),
              user.displayName.contains(",") else { return nil }
        return StaffDiscipline(code: suffix)
    }

    static func license(for discipline: StaffDiscipline) -> CredentialType? {
        switch discipline {
        case .registeredNurse: .rnLicense
        case .practicalNurse: .lpnLicense
        case .physicalTherapist: .ptLicense
        case .physicalTherapistAssistant: .ptaLicense
        case .occupationalTherapist: .otLicense
        case .occupationalTherapyAssistant: .otaLicense
        case .speechLanguagePathologist: .slpLicense
        case .socialWorker: .lcswLicense
        case .homeHealthAide: nil
        }
    }

    static func credential(_ userID: UUID, _ type: CredentialType, state: String?, number: String, issued: CalendarDate, expires: CalendarDate?) -> CredentialRecord {
        let row = CredentialRecord()
        row.$user.id = userID
        row.type = type.rawValue
        row.state = state
        row.number = number
        row.issuedOn = issued.description
        row.expiresOn = expires?.description
        return row
    }
}
