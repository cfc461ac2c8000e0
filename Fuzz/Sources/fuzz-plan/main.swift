import LibFuzzerDriver
import SegmentsFuzzing

// One input: a saved plan file, parsed, round-tripped and compared as apply compares it. The invariant it must keep is
// documented on `FuzzTarget.plan`'s check; a violation stops the process.
runLibFuzzer { data, size in
    FuzzTarget.plan.fuzz(data, size)
    return 0
}
