import Logging

extension Logger {
    /// Warnings and errors only: what a job logs when its caller asked for nothing more
    /// (`--verbose` asks for each step).
    public static func quiet(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }
}
