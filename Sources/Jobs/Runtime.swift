import Mail

/// Process-wide set-up that must happen once, before any thread starts: libcurl's
/// global state. The CLI calls this first thing; it knows nothing of curl itself.
public enum Runtime {
    public static func initialize() {
        CurlGlobal.initialize()
    }
}
