import Foundation

/// How often and how patiently a failed request is tried again: object storage answers 500 and 503
/// now and then by design, and the remedy it documents is to wait a little longer each time.
struct RetryPolicy: Sendable {
    /// Tries in all, the first included.
    var attempts = 5
    /// The wait before the second try; each later wait doubles, up to `maximumDelay`.
    var baseDelay = 0.25
    var maximumDelay = 8.0

    /// The wait before try number `attempt + 1`: exponential, with a random part (between half and
    /// all of it), so that parallel uploads that failed together do not all come back together.
    func delay(after attempt: Int) -> Double {
        let ceiling = min(maximumDelay, baseDelay * pow(2, Double(attempt - 1)))
        return ceiling * Double.random(in: 0.5...1)
    }

    /// Statuses worth another try: server errors, throttling, and a request the server timed out.
    static func isRetryable(status: Int) -> Bool {
        status >= 500 || status == 429 || status == 408
    }
}
