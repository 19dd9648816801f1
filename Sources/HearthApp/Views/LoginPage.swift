struct LoginPage: Encodable, Sendable {
    var shell: PageShell
    var username: FormField
    var error: String?
    var notice: String?
    var next: String
}
