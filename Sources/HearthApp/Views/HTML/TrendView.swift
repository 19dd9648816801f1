extension HTML {
    /// A measure over time as a small SVG line chart with its dates on the axis and each reading as a dot with its label.
    static func trend(_ chart: TrendChart) -> HTML {
        """
        <figure class="trend">
          <figcaption>\(chart.title): latest \(chart.latest)</figcaption>
          <svg class="trend" viewBox="0 0 320 134" role="img" aria-label="\(chart.title) from \(chart.firstDay) to \(chart.lastDay)">
            <line x1="28" y1="108" x2="308" y2="108" stroke="#ccc"/><line x1="28" y1="12" x2="28" y2="108" stroke="#ccc"/>
            <text x="0" y="110" font-size="9">\(chart.low)</text><text x="0" y="16" font-size="9">\(chart.high)</text>
            <text x="28" y="124" font-size="9">\(chart.firstDay)</text><text x="308" y="124" font-size="9" text-anchor="end">\(chart.lastDay)</text>
            <polyline points="\(chart.points)" fill="none" stroke="#1d6b3a" stroke-width="2"/>
            \(each: chart.dots, { "<circle cx=\"\($0.x)\" cy=\"\($0.y)\" r=\"3.5\" fill=\"#1d6b3a\"><title>\($0.label)</title></circle>" })
          </svg>
        </figure>

        """
    }
}
