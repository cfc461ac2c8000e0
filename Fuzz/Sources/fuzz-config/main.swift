import LibFuzzerDriver
import SegmentsFuzzing

// One input: a segctl.yaml, decoded, then used to validate two segment files. The invariant it must keep is
// documented on `FuzzTarget.config`'s check; a violation stops the process.
runLibFuzzer { data, size in
    FuzzTarget.config.fuzz(data, size)
    return 0
}
