import Foundation
import KBCore
import KBPipeline

/// The output folder of `kb build` as a `SiteStore`: written through a `SiteWriter` (staged
/// beside the folder and swapped in), with the `BuildRecord` of its last build beside it.
struct SiteFolderStore: SiteStore {
    let writer: SiteWriter
    /// Where the record of the folder's last build lies.
    let recordLocation: URL
    /// What the build is made from: nil when it cannot be told (then every build is made).
    let fingerprint: String?
    let inputs: [BuildRecord.FileStamp]?
    /// When this build began, as files are stamped: before the content was first listed.
    let started: Int64

    init(project: Project, content: ContentTree, formats: [String], force: Bool, started: Int64) throws {
        self.started = started
        writer = try SiteWriter(output: project.outputPath, content: content.root, force: force)
        recordLocation = BuildRecord.location(of: writer.output)
        let templates = try project.templatesPath.map { try ContentTree(path: $0, limits: project.settings.limits) }
        fingerprint = BuildRecord.fingerprint(of: project, content: content, formats: formats)
        inputs = BuildRecord.inputs(content: content, templates: templates, configuration: project.configuration.file)
    }

    func lastBuild() -> BuildReport? {
        guard let fingerprint, let inputs,
              let record = BuildRecord.current(at: recordLocation, fingerprint: fingerprint, inputs: inputs, output: writer.output.path)
        else { return nil }
        return BuildReport(diagnostics: record.diagnostics, virtualLocale: record.virtualLocale, summary: record.summary)
    }

    func forget() {
        try? FileManager.default.removeItem(at: recordLocation)
    }

    func stage() throws -> any StagedSite {
        try writer.stage()
    }

    func keep(_ report: BuildReport) {
        guard let fingerprint, let inputs, let outputs = BuildRecord.outputs(of: writer.output.path) else { return }
        let record = BuildRecord(
            fingerprint: fingerprint, started: started, inputs: inputs, outputs: outputs, diagnostics: report.diagnostics,
            virtualLocale: report.virtualLocale, summary: report.summary)
        do {
            try record.save(to: recordLocation)
        } catch {
            FileHandle.standardError.write(Data(
                "kb: warning: cannot keep a record of this build at '\(recordLocation.path)' (\(error)); the next build builds everything again\n".utf8))
        }
    }
}
