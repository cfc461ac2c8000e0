import LibFuzzerDriver
import SegmentsFuzzing

// One input: a member list edit (header line, IDs, ---8<---, segment file). The invariant it must keep is
// documented on `FuzzTarget.members`'s check; a violation stops the process.
runLibFuzzer { data, size in
    FuzzTarget.members.fuzz(data, size)
    return 0
}
