#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// Runs a program with stdin and stdout redirected to files, and reports its wall time and
/// peak resident memory (from `wait4`, so each child is measured on its own).
struct Spawned {
    var status: Int32
    var seconds: Double
    var peakRSSMegabytes: Double
}

enum Spawn {
    static func run(_ path: String, _ arguments: [String], stdin: String = "/dev/null", stdout: String = "/dev/null", environment: [String: String] = [:]) -> Spawned {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        guard posix_spawn(&pid, path, &actions, nil, argv, envp) == 0 else {
            return Spawned(status: -1, seconds: 0, peakRSSMegabytes: 0)
        }
        // Peak memory is read from the child's own /proc status (VmHWM): `ru_maxrss` would also
        // count the benchmark's memory, which a spawned child inherits in its accounting.
        var status: Int32 = 0
        var peakKB = 0.0
        while true {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kb = Double(line.split(separator: " ").dropFirst().first ?? "") {
                peakKB = max(peakKB, kb)
            }
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid || (done < 0 && errno != EINTR) { break }
            usleep(10_000)
        }
        let seconds = Date().timeIntervalSince(start)
        return Spawned(status: (status >> 8) & 0xFF, seconds: seconds, peakRSSMegabytes: peakKB / 1024)
    }
}
