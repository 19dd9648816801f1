extension ErrorPage: HTMLPage {
    var body: HTML {
        """
        <section class="card narrow">
          <h1>\(heading)</h1>
          <p>\(reason)</p>
          <p class="hint">Error \(status) · reference \(requestID)</p>
          <p><a href="/">Go to the home page</a></p>
        </section>
        \(emergencyOffer, EmergencyAccessView.offer)
        """
    }
}
