/// Sizes in bytes as people write and read them: `16MiB`, `512 KiB`, `1.5 MiB`.
public enum ByteCount {
    /// `bytes` for a message: `64 MiB`, `1.5 MiB`, `300 KiB`, `12 bytes`.
    public static func text(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return scaled(bytes, 1 << 20, "MiB") }
        if bytes >= 1 << 10 { return scaled(bytes, 1 << 10, "KiB") }
        return "\(bytes) byte\(bytes == 1 ? "" : "s")"
    }

    /// Parses `16777216`, `512KiB`, `16MiB` or `1GiB` (suffix case ignored, optional `B`);
    /// nil when the text is not such a size or is below 1 byte.
    public static func parse(_ text: String) -> Int? {
        let units: [(suffix: String, factor: Int)] = [("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("b", 1), ("", 1)]
        let lowered = text.lowercased().filter { $0 != " " }
        for unit in units where lowered.hasSuffix(unit.suffix) {
            guard let count = Int(lowered.dropLast(unit.suffix.count)), count >= 1 else { return nil }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: unit.factor)
            return overflow ? nil : bytes
        }
        return nil
    }

    private static func scaled(_ bytes: Int, _ unit: Int, _ name: String) -> String {
        let value = Double(bytes) / Double(unit)
        let tenths = (value * 10).rounded()
        if value >= 10 || tenths.truncatingRemainder(dividingBy: 10) == 0 { return "\(Int(value.rounded())) \(name)" }
        return "\(tenths / 10) \(name)"
    }
}
