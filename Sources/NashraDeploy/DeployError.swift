import Foundation
import NashraCore

/// Why a deploy stopped. Each message names the file, object or command involved and says what to do;
/// none ever contains a secret.
public enum DeployError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A problem in the `deploy:` section of `nashra.yaml`, with its position.
    case config(Diagnostic)
    /// `--to` or a target's `to:` could not be read as a destination.
    case badDestination(String, reason: String)
    /// Neither `--to` nor a target named in `nashra.yaml` says where to deploy.
    case noTarget
    /// `--target NAME` names no target of `nashra.yaml`.
    case unknownTarget(String, known: [String])
    /// The folder to deploy does not exist.
    case siteMissing(String)
    /// The folder to deploy was not written by a finished `nashra build`.
    case notABuild(String, reason: String)
    /// A safety check refused the deploy; `--force` overrides it.
    case refused(String)
    /// No S3 credentials were found in the environment or `~/.aws/credentials`.
    case missingCredentials
    /// S3 answered a request with an error that retrying did not cure.
    case s3(operation: String, key: String, status: Int, code: String, message: String)
    /// A request never got an answer (connection refused, reset, timed out), even after retries.
    case transport(operation: String, key: String, reason: String)
    /// An external program (rsync, git) failed.
    case command(String, status: Int32, output: String)
    /// Reading or writing a local file failed.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case let .config(diagnostic):
            return diagnostic.description
        case let .badDestination(text, reason):
            return "'\(text)' is not a deploy destination: \(reason); use s3://bucket/prefix, a folder, user@host:/path, rsync:/path or git:repository#branch"
        case .noTarget:
            return "nowhere to deploy: pass --to DESTINATION, or add deploy.targets and deploy.default to nashra.yaml"
        case let .unknownTarget(name, known):
            let list = known.isEmpty ? "nashra.yaml names no targets" : "known targets: \(known.joined(separator: ", "))"
            return "no deploy target named '\(name)'; \(list)"
        case let .siteMissing(path):
            return "\(path) does not exist; run nashra build first, or pass --site with the built folder"
        case let .notABuild(path, reason):
            return "\(path) is not a Nashra build (\(reason)); run nashra build and deploy its output folder"
        case let .refused(message):
            return message
        case .missingCredentials:
            return "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones), or add them to ~/.aws/credentials"
        case let .s3(operation, key, status, code, message):
            let detail = message.isEmpty ? "" : ": \(message)"
            return "S3 \(operation) \(key) failed with HTTP \(status) \(code)\(detail)"
        case let .transport(operation, key, reason):
            return "S3 \(operation) \(key) got no answer: \(reason); check the endpoint and the network, then run the deploy again"
        case let .command(command, status, output):
            let trimmed = output.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(command) failed (exit \(status))" + (trimmed.isEmpty ? "" : ":\n\(trimmed)")
        case let .io(path, reason):
            return "\(path): \(reason)"
        }
    }
}
