import LibFuzzerDriver
import SegmentsFuzzing

// One input: an API response body, read by every reader of both clients. The invariant it must keep is
// documented on `FuzzTarget.responses`'s check; a violation stops the process.
runLibFuzzer { data, size in
    FuzzTarget.responses.fuzz(data, size)
    return 0
}
