import Testing

/// The suites that start servers, watch folders, measure time or drive Chromium, run one test at a
/// time. On two cores, a dozen previews building at once beside a starting browser made the timing
/// checks measure the machine's load instead of the preview (a 150 ms reload took 3 s).
@Suite(.serialized) enum OneAtATime {}
