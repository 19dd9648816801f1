import Testing
@testable import HearthApp

extension AllTests {
    /// Pages drawn as functions of their models: what a person sees on a desk and, as cards, on a phone.
    @Suite struct PageViewTests {
        static let shell = PageShell(title: "T", user: nil, nav: [], csrfToken: "tok")

        @Test func thePatientTableBecomesACardPerPatientWithEveryValueEscaped() {
            // setup
            let row = PatientRow(href: "/patients/1", name: "O'Brien <Pat>", mrn: "H1", birthDate: "1950-01-01", age: 76, caseManager: nil,
                                 overdue: 2, refillsDue: 1)
            // act
            let html = HTML.patientTable([row]).string
            // check
            #expect(html.contains(#"<table class="reflow patients">"#))
            #expect(html.contains(#"<td data-label="Patient"><a href="/patients/1">O&#39;Brien &lt;Pat&gt;</a></td>"#))
            #expect(html.contains(#"<td data-label="Date of birth">1950-01-01 (76)</td>"#))
            #expect(html.contains(#"<td data-label="Episode"><em>none</em></td>"#))
            #expect(html.contains(#"<span class="flag flag-overdue">2 overdue</span>"#) && html.contains("1 refill due"))
            #expect(html.contains(#"<td data-label="Case manager"><em>unassigned</em></td>"#))
        }

        @Test func myWorklistNamesEachRowAndOffersSnoozeWithAReasonForADeadline() {
            // setup
            let task = WorklistPage.Task(id: "t1", title: "Overdue: Notice of Admission", detail: nil, patient: "Abernathy, Dorothy", patientHref: "/patients/p",
                                         owner: "Maria", due: "2026-12-01", priority: "urgent", flag: "Overdue", flagClass: "overdue", source: "Overdue deadline",
                                         completion: nil, doneAction: nil, contactHref: nil, snoozeAction: "/tasks/t1/snooze")
            let page = WorklistPage(shell: Self.shell, view: "mine", views: [], counts: .init(open: 1, overdue: 1, dueToday: 0, urgent: 1), shownNote: nil,
                                    byOwner: [], tasks: [task], csrfToken: "tok", back: "/worklist", ownerOptions: [],
                                    form: PageForm(action: "/tasks", fields: [], error: nil))
            // act
            let html = page.html.string
            // check: my own list has no "For" column; the deadline is put off with a reason, never closed with a bare Done
            #expect(html.contains(#"<table id="task-list" class="reflow">"#))
            #expect(html.contains(#"<tr id="task-t1"><td data-label="Task">"#))
            #expect(!html.contains(#"data-label="For""#))
            #expect(html.contains(#"<input id="snooze-reason-t1" name="reason" required minlength="5""#))
            #expect(!html.contains(#"id="done-t1""#))
        }
    }
}
