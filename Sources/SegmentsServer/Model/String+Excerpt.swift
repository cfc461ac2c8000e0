extension String {
    /// The longest excerpt of a value that a message quotes, in characters.
    static let excerptLength = 40

    /// The text as a message may quote it: at most `excerptLength` characters, then "…", with
    /// line breaks and other controls escaped so that one message stays one line.
    ///
    /// Messages quote what a file or a request said (an unknown key, a bad value); a file given
    /// by mistake, such as a credentials file, must not be replayed through them, nor a
    /// megabyte-long key sent back whole.
    var excerpt: String {
        var result = ""
        var count = 0
        for character in self {
            if count == Self.excerptLength {
                return result + "…"
            }
            if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                result += character.unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
            } else {
                result.append(character)
            }
            count += 1
        }
        return result
    }
}
