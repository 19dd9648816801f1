import Foundation

extension String {
    /// True when the text carries characters a person cannot see but software acts on: NUL and the other control
    /// characters (tab and line breaks aside), and the right-to-left and left-to-right overrides, embeddings and
    /// isolates that can make a name read differently on screen from how it sorts and matches (Unicode TR #36 2.1).
    public var hasHiddenCharacters: Bool {
        unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: false
            case 0x00...0x1F, 0x7F...0x9F: true
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
            default: false
            }
        }
    }

    /// What to tell a person whose name field has such characters.
    public static let hiddenCharactersProblem = "Remove the hidden control or text-direction characters (often pasted in from another program), then save."
}
