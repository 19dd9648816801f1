/// A page model that draws itself: its body in Swift, inside the shared `Layout`.
/// A view reads only the model (never the database); the controller builds the model.
protocol HTMLPage {
    var shell: PageShell { get }
    /// What goes inside `<main>`.
    var body: HTML { get }
}

extension HTMLPage {
    /// The whole document.
    var html: HTML { Layout.page(shell, body) }
}
