extension String {
    /// Replaces each Unicode scalar for which `replacement` returns a string, in one pass.
    ///
    /// Escaping for markup must work on scalars rather than characters: a combining mark
    /// after `|` or `<` makes one `Character` that a character table would not match.
    func replacingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let r = replacement(scalar) { out += r } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
