// swift-tools-version: 6.1
import PackageDescription

// The folders are the architecture (docs/architecture.md): C shims at the edge, protocol
// adapters that know nothing of agencies, a pure domain, the store, the jobs that wire
// them, and a thin CLI. Each target's dependencies below are the only imports it may use.
let package = Package(
    name: "dondoc",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dondoc", targets: ["dondoc"]),
        .executable(name: "dondoc-read-document", targets: ["dondoc-read-document"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CGMime",
            pkgConfig: "gmime-3.0",
            providers: [.apt(["libgmime-3.0-dev"])]
        ),
        .target(
            name: "Mail",
            dependencies: ["CCurl", "CGMime"]
        ),
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        // libarchive, Tesseract with Leptonica, and libcrypto are not linked: the reader opens
        // each with dlopen when a document first needs it (CLazyLibrary.h says why). Their
        // -dev packages are still needed to build, for the headers that check every call.
        .target(name: "CLazyLibrary"),
        .target(name: "CArchive", dependencies: ["CLazyLibrary"]),
        .target(name: "CTesseract", dependencies: ["CLazyLibrary"]),
        .target(name: "COpenSSL", dependencies: ["CLazyLibrary"]),
        // What a document reading is, and the sandbox that gets one from a child process.
        // No C library: linking Poppler, Tesseract and OpenSSL into dondoc itself would
        // cost every run (an idle poll included) their start-up.
        .target(name: "Documents"),
        // Opens attached documents (PDF, DOCX, ODT, images, archives); knows nothing of
        // agencies. Runs only inside the child, dondoc-read-document.
        .target(
            name: "DocumentReaders",
            dependencies: ["Documents", "CPoppler", "CArchive", "CTesseract", "COpenSSL"]
        ),
        // The child that reads one untrusted document under limits; poll runs it.
        .executableTarget(name: "dondoc-read-document", dependencies: ["DocumentReaders"]),
        .target(name: "DonDoc"),
        .target(
            name: "Store",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The reports need only the domain: what a person reads is rendered from a Summary.
        .target(name: "Reports", dependencies: ["DonDoc"]),
        // The campaign file: YAML in, a validated DonDoc.Campaign out, every problem listed.
        // Yams' own libyaml module (CYaml) is imported too, internally: the usual campaign
        // file is composed from its events, a few times faster than through Yams' nodes.
        .target(name: "Configuration", dependencies: ["DonDoc", "Yams"]),
        // The Office's editable Vietnamese templates for reminders, receipts and reports.
        .target(
            name: "MailTemplates",
            dependencies: ["DonDoc", "Configuration", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "Jobs",
            dependencies: [
                "Reports", "Configuration", "MailTemplates",
                "Mail", "Documents", "DonDoc", "Store",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "dondoc",
            dependencies: [
                "Jobs", "DonDoc", "Reports", "Configuration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Development only: the demo's and the benchmarks' throwaway mail server.
        .executableTarget(name: "dondoc-lab", dependencies: ["TestSupport"]),
        // The fuzz harnesses (scripts/fuzz.sh builds them with -sanitize=fuzzer); built
        // normally, a replayer of the inputs they found.
        .executableTarget(name: "dondoc-fuzz", dependencies: ["Jobs", "Mail", "DonDoc", "Configuration"]),
        .testTarget(name: "DonDocTests", dependencies: ["DonDoc", "TestSupport"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "DocumentReaders", "TestSupport"]),
        .testTarget(name: "JobsTests", dependencies: ["Jobs", "Reports", "Configuration", "MailTemplates", "Documents", "DonDoc",
                                                   "Store", "Mail", "TestSupport"]),
    ]
)
