import LibFuzzerDriver
import SegmentsFuzzing

// One input: a segments-server request (request line, then body), through the router. The invariant it must keep is
// documented on `FuzzTarget.server`'s check; a violation stops the process.
runLibFuzzer { data, size in
    FuzzTarget.server.fuzz(data, size)
    return 0
}
