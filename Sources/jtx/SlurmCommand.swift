import ArgumentParser
import ExerciseModel
import Experiments
import Foundation
import Reports
import ScenarioFormat

/// `jtx slurm`: run a sweep on a Slurm cluster as a job array of shards and a merge job.
struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Run a sweep on a Slurm cluster: a job array of shards, then a merge job.",
        discussion: """
            jtx slurm submit writes the batch scripts into DIR/slurm/ and submits them; \
            jtx slurm status tells which shards are done, pending, running, missing or failed; \
            jtx slurm resubmit reruns the missing and failed ones. See docs/cluster.md.

            Examples:
              jtx slurm submit scenarios/sweeps/grey-heron-sweep.yaml --out /scratch/gh --tasks 8 --cpus-per-task 4
              jtx slurm status /scratch/gh
              jtx slurm resubmit /scratch/gh
            """,
        subcommands: [SlurmSubmitCommand.self, SlurmStatusCommand.self, SlurmResubmitCommand.self]
    )

    /// Prints a library error and exits with its code (64 usage, 65 data, 74 I/O).
    static func fail(_ error: OutputFolderError) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
        return ExitCode(error.exitCode)
    }

    /// The absolute path of the running jtx binary.
    static var executablePath: String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        if let path = Bundle.main.executablePath { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// `jtx slurm submit`: write the sbatch scripts of a sweep and submit them.
struct SlurmSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a sweep as a Slurm job array of shards and a merge job that depends on it.",
        discussion: """
            Writes DIR/slurm/array.sbatch (task K of the array runs jtx sweep FILE --shard K/N \
            --resume into DIR/shards/K) and DIR/slurm/merge.sbatch (jtx merge of every shard into \
            DIR/merged, submitted with --dependency=afterok on the array), submits both with \
            sbatch and records the job ids in DIR/slurm/jobs.json. Both scripts run this jtx \
            binary by its absolute path and stop (exit 65) if it no longer reports this version. \
            With --dry-run the scripts are written and printed, and nothing is submitted.

            Example:
              jtx slurm submit scenarios/sweeps/grey-heron-sweep.yaml --out /scratch/gh --tasks 8 --cpus-per-task 4 --time 30

            Exit codes: 0 success, 64 usage error (or a folder already submitted), 65 invalid \
            sweep or scenario, 74 files could not be written or sbatch failed.
            """
    )

    @Argument(help: "The sweep file (YAML).")
    var file: String

    @Option(name: .shortAndLong, help: "Folder of the submission: scripts, logs, shards and the merged results.")
    var out: String

    @Option(help: "Array tasks, one shard each (at most the number of design points).")
    var tasks: Int

    @Option(help: "Slurm partition of every job.")
    var partition: String?

    @Option(help: "Time limit of each task and of the merge job (minutes, HH:MM:SS, D-HH:MM, …).")
    var time: String?

    @Option(help: "CPUs of each task; also its number of parallel replications (--jobs).")
    var cpusPerTask: Int = 1

    @Flag(help: "Write and print the scripts, submit nothing.")
    var dryRun = false

    func validate() throws {
        if tasks < 1 { throw ValidationError("--tasks must be at least 1") }
        if cpusPerTask < 1 { throw ValidationError("--cpus-per-task must be at least 1") }
    }

    func run() throws {
        let loaded: LoadedSweep
        let points: Int
        do {
            loaded = try SweepLoader.load(path: file)
        } catch {
            FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
            throw ExitCode(65)
        }
        do {
            let design = try SweepDesign(loaded.specification)
            try SweepRunner(base: loaded.scenario.exercise, specification: loaded.specification, design: design, jobs: 1).checkPoints()
            points = design.points.count
        } catch {
            FileHandle.standardError.write(Data("\(file): error: \(error)\n".utf8))
            throw ExitCode(65)
        }
        let folder = SlurmFolder(url: URL(fileURLWithPath: out))
        let plan = SlurmPlan(jtx: SlurmCommand.executablePath, jtxVersion: JTXVersion.current, jtxBuild: JTX.configuration.version,
                             sweepFile: URL(fileURLWithPath: file).standardizedFileURL.path, sweepName: loaded.specification.name,
                             sweepDigest: loaded.digest, points: points, tasks: tasks, cpusPerTask: cpusPerTask,
                             partition: partition, time: time, folder: folder)
        do {
            if dryRun {
                try SlurmSubmitter.check(plan)
                let scripts = try SlurmSubmitter.writeScripts(plan)
                print("# \(folder.arrayScriptURL.path)\n\(scripts.array)\n# \(folder.mergeScriptURL.path)\n\(scripts.merge)")
                print("# Not submitted (--dry-run). Without --dry-run, jtx slurm submit runs:")
                print("#   sbatch --parsable \(folder.arrayScriptURL.path)")
                print("#   sbatch --parsable --dependency=afterok:<array job id> \(folder.mergeScriptURL.path)")
                return
            }
            let jobs = try SlurmSubmitter(scheduler: SlurmCommands()).submit(plan)
            let submission = jobs.submissions[0]
            print("Submitted array job \(submission.arrayJob ?? "?") (\(tasks) task\(tasks == 1 ? "" : "s"): shards 1-\(tasks) of "
                  + "\(points) design points) and merge job \(submission.mergeJob) (after the array succeeds).")
            print("Scripts and logs: \(folder.slurmFolder.path)/; shards: \(folder.shardsFolder.path)/; results: \(folder.mergedFolder.url.path)/")
            print("Follow it with: jtx slurm status \(folder.url.path)")
        } catch {
            throw SlurmCommand.fail(error)
        }
    }
}

/// `jtx slurm status`: which shards of a submitted sweep are done, pending, running, missing or failed.
struct SlurmStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show which shards of a submitted sweep are done, pending, running, missing or failed.",
        discussion: """
            Reads the shard folders of DIR and asks squeue about the recorded jobs (and, for \
            tasks that ended, sacct or Slurm's job completion file). done: every point of the \
            shard is written; pending/running: its task is in the queue; failed: its task ended \
            in failure (jtx's exit code or Slurm's FAILED, TIMEOUT, OUT_OF_MEMORY, …); missing: \
            never run, cancelled or lost. jtx slurm resubmit reruns the missing and failed shards.

            Examples:
              jtx slurm status /scratch/gh
              jtx slurm status /scratch/gh --format json

            Exit codes: 0 success, 64 DIR is not a submitted sweep, 65 its jobs.json cannot be read.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "The folder given to jtx slurm submit --out.")
    var folder: String

    @Option(help: "table or json.")
    var format: OutputFormat = .table

    func run() throws {
        let folder = SlurmFolder(url: URL(fileURLWithPath: folder))
        do {
            let status = SlurmStatus.read(folder, jobs: try folder.readJobs(), scheduler: SlurmCommands())
            switch format {
            case .table: print(status.rendered(), terminator: "")
            case .json: FileHandle.standardOutput.write(try status.json())
            }
        } catch let error as OutputFolderError {
            throw SlurmCommand.fail(error)
        }
    }
}

/// `jtx slurm resubmit`: rerun the missing and failed shards, and merge again.
struct SlurmResubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resubmit",
        abstract: "Resubmit the missing and failed shards of a sweep as a new array, and a new merge job.",
        discussion: """
            Submits DIR/slurm/array.sbatch again with --array set to the missing and failed \
            shards (each continues the points already in its folder), and a merge job after it; \
            merge jobs of earlier submissions still waiting are cancelled. With every shard done \
            but no merged result, submits the merge job alone. Refuses when the recorded jtx \
            binary no longer reports the recorded version.

            Example:
              jtx slurm resubmit /scratch/gh

            Exit codes: 0 success (also when there is nothing to resubmit), 64 usage error, \
            65 jobs.json cannot be read, 74 files could not be written or sbatch failed.
            """
    )

    @Argument(help: "The folder given to jtx slurm submit --out.")
    var folder: String

    func run() throws {
        let folder = SlurmFolder(url: URL(fileURLWithPath: folder))
        do {
            switch try SlurmSubmitter(scheduler: SlurmCommands()).resubmit(folder, binaryVersion: SlurmCommands.version(of:)) {
            case .nothing(let reason):
                print("Nothing to resubmit: \(reason).")
            case .submitted(let submission, let cancelled):
                if !cancelled.isEmpty {
                    print("Cancelled the waiting merge job\(cancelled.count == 1 ? "" : "s") \(cancelled.joined(separator: ", ")).")
                }
                if let job = submission.arrayJob {
                    print("Submitted array job \(job) for shard\(submission.shards.count == 1 ? "" : "s") "
                          + "\(SlurmPlan.arraySpecification(submission.shards)) and merge job \(submission.mergeJob) "
                          + "(--dependency=\(submission.dependency)).")
                } else {
                    print("Every shard is done: submitted merge job \(submission.mergeJob)"
                          + (submission.dependency.isEmpty ? "." : " (--dependency=\(submission.dependency))."))
                }
                print("Follow it with: jtx slurm status \(folder.url.path)")
            }
        } catch {
            throw SlurmCommand.fail(error)
        }
    }
}
