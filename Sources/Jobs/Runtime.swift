import Foundation
import Mail

/// Process-wide set-up that must happen once, before any thread starts: libcurl's
/// global state, and the permissions of every file dondoc creates. The CLI calls this
/// first thing; it knows nothing of curl itself.
public enum Runtime {
    public static func initialize() {
        // The store, its journal, exports and reports hold personal data: readable by
        // their owner only, whatever the umask of the shell or cron that started us.
        umask(0o077)
        CurlGlobal.initialize()
    }
}
