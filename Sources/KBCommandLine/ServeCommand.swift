import ArgumentParser
import Dispatch
import Foundation
import KBCore
import KBExtraction
import KBOutput
import KBPages
import KBPipeline
import KBPreview

/// `kb serve [CONTENT]`: a live preview for the people who write the articles.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it, and rebuild and reload it when content changes.",
        discussion: """
            Builds the site as kb build does, holds it in memory and serves it on \
            http://HOST:PORT/. It then watches the content folder, the templates folder and \
            kb.yml: when a file changes, it reads again only the articles that read it (the \
            article, or an article including it), links and renders again, and every open page \
            reloads (server-sent events; the script that listens is added only when serving). \
            A page whose article has problems shows them in a panel; a build that fails keeps \
            the last site and shows why. Nothing is written to disk. Ctrl-C stops the server.

            Only this computer's browsers are answered: a request must be addressed to \
            localhost, an IP address, the address given to --host or a name given to \
            --allowed-host (so that no web page can read the preview by naming itself after \
            this computer), and other sites' pages may link to the preview but not load from it.
            """
    )

    @Argument(help: "The content folder (default: kb.yml's content, else content).")
    var content: String?

    @Option(help: "The port to listen on (0: any free port).")
    var port: UInt16 = 8000

    @Option(help: "The address to listen on: 127.0.0.1 (this computer only), localhost, ::1, or 0.0.0.0 for every network.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("allowed-host"), help: ArgumentHelp(
        "Another name the preview may be opened under (repeatable), such as a name of this computer on the network.",
        valueName: "NAME"))
    var allowedHosts: [String] = []

    @OptionGroup var site: SiteFlags

    @OptionGroup var options: ContentOptions

    func run() async throws {
        var session = try Session(command: self)
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap(ContentTree.realPath)
        let site = PreviewSite(
            host: host, allowedHosts: allowedHosts,
            privateFolders: [(session.contentRoot, (session.contentRoot as NSString).lastPathComponent)]
                + (home.map { [($0, "~")] } ?? []),
            open: { source in
                let (descriptor, size) = try ContentTree.openListed(source)
                return PreviewSite.OpenedFile(descriptor: descriptor, size: size)
            })
        let server = PreviewServer(site: site, host: host, port: Int(port), limits: .fittingOpenFiles())
        let (listening, announce) = AsyncStream<String>.makeStream()
        let serving = Task {
            defer { announce.finish() }
            try await server.run { address in announce.yield(address) }
        }
        var addresses = listening.makeAsyncIterator()
        guard let address = await addresses.next() else {
            // The server's own error (the port in use, the address not this computer's) says more.
            if case .failure(let failure) = await serving.result {
                throw ValidationError("cannot listen on \(host):\(port): \(failure)")
            }
            throw ValidationError("cannot listen on \(host):\(port)")
        }
        // A server that stops (it should not) ends kb serve instead of leaving it rebuilding unseen.
        Task {
            let result = await serving.result
            FileHandle.standardError.write(Data("kb serve: the server stopped (\(result)); exiting\n".utf8))
            Foundation.exit(1)
        }

        let stop = DispatchSource.makeSignalSource(signal: SIGINT, queue: .main)
        signal(SIGINT, SIG_IGN)
        stop.setEventHandler {
            site.close()
            FileHandle.standardError.write(Data("\nstopped\n".utf8))
            Foundation.exit(0)
        }
        stop.resume()

        await session.build(into: site, changed: [])
        let port = address.split(separator: ":").last.map(String.init) ?? String(self.port)
        let shown = host.contains(":") ? "[\(host)]" : host
        FileHandle.standardError.write(Data("serving http://\(shown):\(port)/ (Ctrl-C stops)\n".utf8))

        var watcher = ContentWatcher(roots: session.watched)
        let signal = ChangeSignal(folders: watcher.folders)
        var wakeups = signal.wakeups.makeAsyncIterator()
        while await wakeups.next() != nil {
            // A save may be more than one write (emptied, then written): what comes within a few
            // milliseconds is one change.
            try await Task.sleep(for: .milliseconds(10))
            let changes = watcher.changes()
            if watcher.foldersChanged { signal.watch(watcher.folders) }
            guard !changes.isEmpty else { continue }
            if changes.contains(where: session.isSetting) {
                do {
                    session = try Session(command: self)
                } catch {
                    site.publish(files: [], diagnostics: [], failure: "kb serve: \(error)")
                    FileHandle.standardError.write(Data("\(error)\n".utf8))
                    continue
                }
                watcher = ContentWatcher(roots: session.watched)
                signal.watch(watcher.folders)
                await session.build(into: site, changed: [])
            } else {
                await session.build(into: site, changed: changes, listing: watcher.filesAddedOrRemoved)
            }
        }
    }

    /// What one set of settings builds with: rebuilt from scratch when kb.yml or a template
    /// changes.
    final class Session {
        let project: Project
        let builder: IncrementalBuilder
        /// The content folder as last listed: listed again when files are added or removed.
        private var tree: ContentTree?
        /// The real path of the content folder.
        let contentRoot: String
        let templatesRoot: String?
        let configurationFile: String?

        init(command: ServeCommand) throws {
            project = try Project(content: command.content, options: command.options, site: command.site)
            builder = IncrementalBuilder(.memory(project.settings, formats: try project.formats()))
            contentRoot = try ContentTree(path: project.contentPath, limits: project.settings.limits).root.path
            templatesRoot = project.templatesPath.flatMap(ContentTree.realPath)
            // The file read, else the one that would be: a kb.yml created while serving counts.
            let candidate = command.options.config
                ?? URL(fileURLWithPath: project.contentPath).standardizedFileURL.deletingLastPathComponent()
                    .appendingPathComponent(Configuration.fileName).path
            configurationFile = project.configuration.file.flatMap(ContentTree.realPath)
                ?? URL(fileURLWithPath: candidate).standardizedFileURL.path
        }

        var watched: [String] { [contentRoot] + [templatesRoot, configurationFile].compactMap { $0 } }

        /// Whether a change to this path means building with new settings.
        func isSetting(_ path: String) -> Bool {
            path == configurationFile || templatesRoot.map { path.hasPrefix($0 + "/") } == true
        }

        /// Builds, reading again only what `changed` (absolute paths) touches, and publishes;
        /// `listing`: whether files were added or removed.
        func build(into site: PreviewSite, changed: Set<String>, listing: Bool = true) async {
            let start = ContinuousClock.now
            let engine = project.makeDiagnosticEngine()
            let relative = changed.compactMap { path -> String? in
                path.hasPrefix(contentRoot + "/") ? String(path.dropFirst(contentRoot.count + 1)) : nil
            }
            do {
                let tree = try listing || self.tree == nil ? ContentTree(path: project.contentPath, limits: project.settings.limits) : self.tree!
                self.tree = tree
                let state = try await builder.build(tree, changed: relative, diagnostics: engine)
                let diagnostics = engine.diagnostics
                let virtualLocale = state.layout.virtualLocale
                let contentPath = project.contentPath
                site.publish(files: state.files, diagnostics: diagnostics) {
                    InContentFolder.located($0, in: contentPath, virtualLocale: virtualLocale)
                }
                let elapsed = ContinuousClock.now - start
                let errors = diagnostics.filter { $0.severity == .error }.count
                let warnings = diagnostics.filter { $0.severity == .warning }.count
                let what = changed.isEmpty
                    ? "built" : "\(changed.sorted().map { ($0 as NSString).lastPathComponent }.prefix(3).joined(separator: ", ")) changed: rebuilt"
                // The problems of the changed files, as the console prints them.
                let changedInBuild = Set(relative.map { path in virtualLocale.map { $0 + "/" + path } ?? path })
                var report = diagnostics.filter { changedInBuild.contains($0.file) && $0.severity != .note }.map {
                    InContentFolder.located($0, in: project.contentPath, virtualLocale: virtualLocale).consoleDescription + "\n"
                }.joined()
                let counts = builder.lastCounts
                report += "\(what) in \(Self.milliseconds(elapsed)) ms (\(counts.extracted) files read, \(counts.made) outputs made, "
                    + "\(counts.reused) reused; \(state.files.count) files; \(errors) errors, \(warnings) warnings)\n"
                FileHandle.standardError.write(Data(report.utf8))
                if project.showTimings { TimingConsole.report(state, total: elapsed) }
            } catch {
                site.publish(files: [], diagnostics: engine.diagnostics, failure: "kb serve: the build failed: \(error)")
                FileHandle.standardError.write(Data("the build failed: \(error)\n".utf8))
            }
        }

        static func milliseconds(_ duration: Duration) -> Int {
            Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        }
    }
}
