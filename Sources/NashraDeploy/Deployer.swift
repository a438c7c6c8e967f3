import Foundation

/// Publishes a built site folder: reads it, asks the target what it holds, plans, and carries the
/// plan out in the one order that keeps the published site whole at every moment: assets, then
/// pages, then feeds, and deletions last.
///
/// A deploy that stops half-way has added or replaced whole files and, since deleting comes last,
/// removed nothing the old pages need: the site that was there still works, and running the deploy
/// again compares afresh and finishes the job.
public enum Deployer {
    public static func deploy(_ request: DeployRequest, progress: ProgressDisplay) async throws -> DeployReport {
        let start = Date()
        let site = try BuiltSite.load(request.site)
        let target = try makeTarget(request, progress: progress)
        do {
            let report = try await deploy(site, to: target, request: request, progress: progress, start: start)
            await target.close()
            return report
        } catch {
            progress.end()
            await target.close()
            throw error
        }
    }

    private static func deploy(_ site: BuiltSite, to target: any DeployTarget, request: DeployRequest,
                               progress: ProgressDisplay, start: Date) async throws -> DeployReport {
        let remote = try await target.inventory(of: site)
        let plan = try DeployPlan(site: site.files, remote: remote, deleting: request.deletes) {
            try target.isCurrent($0, $1, in: site)
        }
        if site.files.isEmpty && !remote.isEmpty && request.deletes && !request.force {
            throw DeployError.refused("""
                refusing to deploy an empty site over \(request.destination), which holds \(remote.count) files: \
                that would delete them all; check the build, or pass --force
                """)
        }
        if request.dryRun {
            for file in plan.uploads { progress.say("upload \(file.path)") }
            for path in plan.deletions { progress.say("delete \(path)") }
            return DeployReport(target: request.destination.description, plan: plan, dryRun: true,
                                seconds: Date().timeIntervalSince(start))
        }
        for (role, files) in plan.phases {
            progress.begin("uploading \(role)", count: files.count)
            try await target.upload(files, from: site, progress: progress)
        }
        if !plan.deletions.isEmpty {
            progress.begin("deleting", count: plan.deletions.count)
            try await target.delete(plan.deletions, from: site, progress: progress)
        }
        try await target.finish(plan, progress: progress)
        progress.end()
        return DeployReport(target: request.destination.description, plan: plan, dryRun: false,
                            seconds: Date().timeIntervalSince(start))
    }

    static func makeTarget(_ request: DeployRequest, progress: ProgressDisplay) throws -> any DeployTarget {
        let settings = request.settings
        switch request.destination {
        case .folder(let url):
            return FolderTarget(folder: url, force: request.force)
        case .rsync(let destination):
            return RsyncTarget(destination: destination, rsh: settings.rsh)
        case let .git(repository, branch):
            return GitTarget(repository: repository, branch: branch)
        case let .s3(bucket, prefix):
            let environment = request.environment
            let region = settings.region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
            let endpoint = try S3Endpoint(bucket: bucket, region: region,
                                          endpoint: settings.endpoint ?? environment["AWS_ENDPOINT_URL_S3"] ?? environment["AWS_ENDPOINT_URL"],
                                          addressing: settings.addressing)
            let credentials = try AWSCredentials.resolve(environment: environment)
            var retry = RetryPolicy()
            if let attempts = settings.attempts { retry.attempts = attempts }
            let jobs = settings.jobs ?? 8
            let client = S3Client(endpoint: endpoint, credentials: credentials, retry: retry, timeout: settings.timeout ?? 60,
                                  connections: jobs, warn: { progress.note($0) })
            var target = S3Target(client: client, prefix: prefix, cachePolicy: CachePolicy(rules: settings.cacheRules))
            target.jobs = jobs
            if let threshold = settings.multipartThreshold { target.multipartThreshold = threshold }
            if let partSize = settings.partSize { target.partSize = partSize }
            return target
        }
    }
}
