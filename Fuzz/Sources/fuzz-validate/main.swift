import LibFuzzerDriver
import SegmentsFuzzing

// One input: a segment file, validated as both targets with and without an asOf instant. The invariant it must keep is
// documented on `FuzzTarget.validate`'s check; a violation stops the process.
runLibFuzzer { data, size in
    FuzzTarget.validate.fuzz(data, size)
    return 0
}
