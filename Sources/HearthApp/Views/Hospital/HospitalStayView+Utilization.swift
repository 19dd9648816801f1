extension HospitalStayPage {
    /// The way from the stay to its utilization review: reviews, the payer log, denials and avoidable days.
    var utilizationCard: HTML {
        guard let reviewHref else { return "" }
        return """
        <section class="card" id="utilization">
          <h2>Utilization review</h2>
          <p><a href="\(reviewHref)" id="open-review">Reviews, payer communications, denials and avoidable days</a> · <a href="\(reviewHref)#record-review" id="record-review-link">Record a review</a></p>
        </section>

        """
    }
}
