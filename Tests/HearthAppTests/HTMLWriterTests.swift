import Testing
import Vapor
@testable import HearthApp

extension AllTests {
    /// The HTML writer: a page model in, HTML out, every value escaped by construction.
    @Suite struct HTMLWriterTests {
        static let hostile = "\"><script>alert('x')</script>&"

        @Test func textIsEscaped() {
            let html: HTML = "<p>\(Self.hostile)</p>"
            #expect(html.string == "<p>&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>")
        }

        @Test func attributeValuesAreEscapedSoTheyCannotCloseTheQuote() {
            // setup
            let href = "/x\" onmouseover=\"alert(1)"
            // act
            let html: HTML = "<a href=\"\(href)\" title='\(Self.hostile)'\(attribute: "data-note", Self.hostile)>go</a>"
            // check
            #expect(!html.string.contains("<script>"))
            #expect(!html.string.contains("\" onmouseover"))
            #expect(html.string == "<a href=\"/x&quot; onmouseover=&quot;alert(1)\" title='&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;'"
                + " data-note=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;\">go</a>")
        }

        @Test func anAbsentAttributeIsLeftOutAndMultibyteTextIsKept() {
            let html: HTML = "<span\(attribute: "title", nil)>Zoë · 5 ≥ 3</span>"
            #expect(html.string == "<span>Zoë · 5 ≥ 3</span>")
        }

        @Test func nestedMarkupIsNotEscapedTwiceAndOnlyUnsafeRawWritesRawText() {
            let inner: HTML = "<b>\("a&b")</b>"
            let outer: HTML = "<p>\(inner)\(HTML.unsafeRaw("<br>"))\(HTML.text("<br>"))</p>"
            #expect(outer.string == "<p><b>a&amp;b</b><br>&lt;br&gt;</p>")
        }

        @Test func conditionalsListsAndNumbers() {
            let rows = ["one", "<two>"]
            let empty: [String] = []
            let html: HTML = "<ul>\(each: rows, { "<li>\($0)</li>" })</ul>\(if: empty.isEmpty, { "<p>none</p>" })\(if: false, " hidden")\(Optional("!"), { "<i>\($0)</i>" })\(42)"
            #expect(html.string == "<ul><li>one</li><li>&lt;two&gt;</li></ul><p>none</p><i>!</i>42")
        }

        @Test func aPageAnswersAsUTF8HTML() async throws {
            let response = HTML("<p>ok</p>").response(status: .notFound)
            #expect(response.status == .notFound)
            #expect(response.headers.contentType == .html)
            #expect(response.headers.first(name: .contentType) == "text/html; charset=utf-8")
            #expect(response.body.string == "<p>ok</p>")
        }

        @Test func theShellShowsTheNavigationTheSignedInUserAndTheSignOutForm() {
            // setup
            let shell = PageShell(
                title: "Deadlines <today>",
                user: .init(username: "cm", displayName: "Casey \"CM\" Manager", roleTitle: "Case manager"),
                nav: [.init(label: "Home", href: "/", current: false), .init(label: "Deadlines", href: "/compliance", current: true)],
                csrfToken: "tok\"en"
            )
            // act
            let page = Layout.page(shell, "<h1>Body</h1>").string
            // check
            #expect(page.hasPrefix("<!doctype html>\n<html lang=\"en\">"))
            #expect(page.contains("<title>Deadlines &lt;today&gt; · Hearth</title>"))
            #expect(page.contains("<link rel=\"stylesheet\" href=\"\(SiteURL.stylesheet.path)\">"))
            #expect(page.contains("<a class=\"skip\" href=\"#main\">Skip to content</a>"))
            #expect(page.contains("<li><a href=\"/\">Home</a></li>"))
            #expect(page.contains("<li><a href=\"/compliance\" aria-current=\"page\">Deadlines</a></li>"))
            #expect(page.contains("<span id=\"signed-in-user\" title=\"Case manager\">Casey &quot;CM&quot; Manager <small>(cm, Case manager)</small></span>"))
            #expect(page.contains("<form method=\"post\" action=\"\(SiteURL.logout.path)\" class=\"inline\">"))
            #expect(page.contains("<input type=\"hidden\" name=\"_csrf\" value=\"tok&quot;en\"><input type=\"hidden\" name=\"_once\" value=\""))
            #expect(page.contains("<button type=\"submit\" id=\"logout\" class=\"link\">Sign out</button>"))
            #expect(page.contains("<main id=\"main\">\n<h1>Body</h1>\n  </main>"))
        }

        @Test func theShellForSomeoneSignedOutHasNoNavigation() {
            let page = Layout.page(PageShell(title: "Sign in", user: nil, nav: [], csrfToken: "t"), "").string
            #expect(!page.contains("<nav"))
            #expect(!page.contains("Sign out"))
            #expect(page.contains("<a class=\"brand\" href=\"/\">Hearth</a>"))
        }

        @Test func aFieldWithAnErrorKeepsTheTypingAndSaysWhatIsWrongBesideIt() {
            // setup
            let field = InputField.text("dob", "Date of birth", "31/02/<1950>", ["dob": "Enter a real date, like 1950-02-28."],
                                        type: "date", hint: "As on the ID card")
            // act
            let html = HTML.field(field).string
            // check
            #expect(html.contains("<div class=\"field invalid\">"))
            #expect(html.contains("<label for=\"dob\">Date of birth</label>"))
            #expect(html.contains("<input id=\"dob\" name=\"dob\" type=\"date\" value=\"31/02/&lt;1950&gt;\" aria-invalid=\"true\" aria-describedby=\"dob-error\">"))
            #expect(html.contains("<p class=\"hint\">As on the ID card</p>"))
            #expect(html.contains("<p class=\"field-error\" id=\"dob-error\">Enter a real date, like 1950-02-28.</p>"))
        }

        @Test func selectTextareaAndCheckboxFields() {
            let select = HTML.field(.select("role", "Role", "rn", [("rn", "Nurse"), ("pt", "Therapist <PT>")], [:])).string
            #expect(select.contains("<select id=\"role\" name=\"role\">"))
            #expect(select.contains("<option value=\"\">Choose…</option>"))
            #expect(select.contains("<option value=\"rn\" selected>Nurse</option><option value=\"pt\">Therapist &lt;PT&gt;</option>"))
            #expect(!select.contains("field-error"))

            var note = InputField.text("note", "Note", "a </textarea><script>", ["note": "Too long."], wide: true)
            note.type = "textarea"
            let textarea = HTML.field(note).string
            #expect(textarea.contains("<div class=\"field wide invalid\">"))
            #expect(textarea.contains("<textarea id=\"note\" name=\"note\" rows=\"3\" aria-invalid=\"true\" aria-describedby=\"note-error\">a &lt;/textarea&gt;&lt;script&gt;</textarea>"))

            let box = HTML.field(.checkbox("urgent", "Urgent", checked: true, prefix: "o-")).string
            #expect(box.contains("<div class=\"field checkbox\">"))
            #expect(box.contains("<label class=\"check\"><input type=\"checkbox\" id=\"o-urgent\" name=\"urgent\" value=\"yes\" checked> Urgent</label>"))
        }

        @Test func aTableLabelsEveryCellWithItsColumnSoItReflowsOnAPhone() {
            let html = HTML.table(id: "staff", [TableColumn("Name"), TableColumn("Visits", numeric: true)], rows: [("Ann <RN>", 3)],
                                  rowClass: { $0.1 > 2 ? "overdue" : nil }) { ["\($0.0)", "\($0.1)"] }.string
            #expect(html.contains("<table id=\"staff\" class=\"reflow\">"))
            #expect(html.contains("<th scope=\"col\">Name</th><th scope=\"col\" class=\"num\">Visits</th>"))
            #expect(html.contains("<tr class=\"overdue\"><td data-label=\"Name\">Ann &lt;RN&gt;</td><td data-label=\"Visits\" class=\"num\">3</td></tr>"))
        }
        @Test func theSignInPageKeepsTheTypedNameEscapedAndPointsAtTheError() {
            // setup
            let shell = PageShell(title: "Sign in", user: nil, nav: [], csrfToken: "t")
            let page = LoginPage(shell: shell, username: FormField(Self.hostile), error: "Incorrect username or password.", notice: nil, next: "/patients?x=<1>")
            // act
            let html = page.html.string
            // check
            #expect(html.contains("<title>Sign in · Hearth</title>"))
            #expect(html.contains("<p class=\"form-error\" id=\"login-error\" role=\"alert\">Incorrect username or password.</p>"))
            #expect(html.contains("required value=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;\" aria-describedby=\"login-error\">"))
            #expect(html.contains("<input type=\"hidden\" name=\"next\" value=\"/patients?x=&lt;1&gt;\">"))
            #expect(!html.contains("<script>"))
        }

        @Test func anUnknownAddressAnswersWithTheErrorPageInTheShell() async throws {
            try await withHearth { app in
                // act
                let response = try await Browser(app).get("/no-such-page-<b>")
                // check
                #expect(response.status == .notFound)
                #expect(response.headers.first(name: .contentType) == "text/html; charset=utf-8")
                let html = response.body.string
                #expect(html.contains("<h1>Not found</h1>"))
                #expect(html.contains("There is no page at this address."))
                #expect(html.contains("<p class=\"hint\">Error 404 · reference "))
                #expect(html.contains("<a class=\"skip\" href=\"#main\">Skip to content</a>"))
            }
        }
    }
}
