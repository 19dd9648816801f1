extension CalendarFeedPage: HTMLPage {
    var body: HTML {
        """
        <p><a href="\(backHref)">← Back to my visits</a></p>
        <h1>Your calendar feed</h1>
        <p>Add this address to your phone's calendar as a subscription. It shows your visits (time, discipline, patient initials and town) and nothing else. Keep it private: anyone with the address sees your schedule. Making a new link stops this one.</p>
        <p><input id="feed-url" value="\(url)" readonly class="wide"></p>
        """
    }
}
