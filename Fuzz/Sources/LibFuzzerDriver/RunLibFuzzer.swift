import CLibFuzzer
import Foundation

/// Hands the command line to libFuzzer's driver, which runs `testOneInput` on every input it
/// loads or makes, and exits with the driver's status.
///
/// The executables keep their own `main` (SwiftPM links every executable's entry point under a
/// name of its own), so they link libFuzzer without its `main` (libclang_rt.fuzzer_no_main,
/// passed by scripts/fuzz) and start it here.
public func runLibFuzzer(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
}
