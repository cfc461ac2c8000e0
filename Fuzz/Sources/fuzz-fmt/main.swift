import LibFuzzerDriver
import SegmentsFuzzing

// One input: a segment file, formatted when it validates. The invariant it must keep is
// documented on `FuzzTarget.fmt`'s check; a violation stops the process.
runLibFuzzer { data, size in
    FuzzTarget.fmt.fuzz(data, size)
    return 0
}
