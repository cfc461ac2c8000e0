/// ANSI styles for terminal output; every use passes whether colour is wanted.
public enum ANSIStyle: String, Sendable {
    case red = "31", green = "32", yellow = "33", cyan = "36", bold = "1", dim = "2"

    /// `text` in `style` when `enabled`, else unchanged.
    public static func paint(_ text: String, _ style: ANSIStyle, _ enabled: Bool) -> String {
        enabled ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}
