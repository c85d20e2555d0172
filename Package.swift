// swift-tools-version:6.0
import PackageDescription

/// AssetScore: creative assets as data, matched to people.
///
/// Dependency rule (see docs/ARCHITECTURE.md): `AssetScoreCore` imports only Foundation;
/// every other module depends on it, never the other way round. C libraries come from
/// Debian packages and are wrapped as system-library targets with a small `shim.h`.
let package = Package(
    name: "AssetScore",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "assetscore", targets: ["assetscore"])
    ],
    targets: [
        // C libraries (Debian packages), each a module map plus a shim header.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .systemLibrary(name: "CTesseract", pkgConfig: "tesseract", providers: [.apt(["libtesseract-dev", "tesseract-ocr-eng"])]),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CChafa", pkgConfig: "chafa", providers: [.apt(["libchafa-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        // libc only: per-thread priority (gettid and syscall are out of Swift's reach).
        .systemLibrary(name: "CThreadPriority"),

        // The core: dictionary, normalisation, mapping, scoring, domain types. Foundation only.
        .target(name: "AssetScoreCore"),
        // Snowball stemming behind the core's `Stemmer` protocol.
        .target(name: "AssetScoreText", dependencies: ["AssetScoreCore", "CStemmer"]),
        // SQLite storage behind the core's `AssetStore` protocol.
        .target(name: "AssetScoreStorage", dependencies: ["AssetScoreCore", "CSQLite"]),
        // The embedded offline analyser (libvips, tesseract) and the ingest pipeline.
        .target(name: "AssetScoreIngest", dependencies: ["AssetScoreCore", "CVips", "CTesseract"]),
        // HTTP over libcurl with timeouts, size limits and an address policy (SSRF guard); used by
        // the model providers and for webhook downloads.
        .target(name: "AssetScoreHTTP", dependencies: ["CCurl"]),
        // Multimodal model providers (OpenAI, Anthropic, Ollama, OpenAI-compatible) behind AnalysisProvider.
        .target(name: "AssetScoreProviders", dependencies: ["AssetScoreCore", "AssetScoreIngest", "AssetScoreHTTP"]),
        // Subcommands; the executable only wires concrete parts together.
        .target(
            name: "AssetScoreCLI",
            dependencies: [
                "AssetScoreCore", "AssetScoreText", "AssetScoreStorage", "AssetScoreIngest", "AssetScoreConsole", "TerminalUI",
                "TerminalCurses", "AssetScorePreview", "AssetScoreProviders", "AssetScoreServer",
            ],
            resources: [.copy("Resources/default-dictionary.json")]
        ),
        .executableTarget(name: "assetscore", dependencies: ["AssetScoreCLI"]),

        // The HTTP service (libmicrohttpd): decisions for ESPs, feedback events, webhook ingestion.
        // No terminal code; the CLI's `serve` wires it to a store.
        .target(
            name: "AssetScoreServer", dependencies: ["AssetScoreCore", "AssetScoreStorage", "AssetScoreIngest", "AssetScoreHTTP", "CMicroHTTPD"]),

        // Terminal toolkit: screen buffer, keys, key maps, themes, widgets. Knows nothing of assets
        // and nothing of ncurses; the shipped themes are resources.
        .target(name: "TerminalUI", dependencies: ["AssetScoreCore", "CThreadPriority"], resources: [.copy("Themes")]),
        // The only code that touches ncurses: flushes a ScreenBuffer, reads keys.
        .target(name: "TerminalCurses", dependencies: ["TerminalUI", "CNcursesw"]),
        // A tiny program the TerminalCurses tests drive under tmux.
        .executableTarget(name: "terminal-smoke", dependencies: ["TerminalCurses", "TerminalUI"]),

        // Image previews as terminal cells: libvips decodes, chafa picks symbols and colours.
        .target(name: "AssetScorePreview", dependencies: ["AssetScoreCore", "TerminalUI", "CVips", "CChafa"]),

        // The review console: panes, state and actions over TerminalUI; no ncurses here.
        .target(name: "AssetScoreConsole", dependencies: ["AssetScoreCore", "AssetScoreIngest", "TerminalUI"]),

        .testTarget(name: "AssetScoreCoreTests", dependencies: ["AssetScoreCore", "AssetScoreText"]),
        .testTarget(name: "AssetScoreStorageTests", dependencies: ["AssetScoreStorage", "AssetScoreCore"]),
        .testTarget(name: "AssetScoreIngestTests", dependencies: ["AssetScoreIngest", "AssetScoreCore", "AssetScoreStorage"]),
        .testTarget(
            name: "AssetScoreCLITests",
            dependencies: [
                "AssetScoreCLI", "AssetScoreCore", "AssetScoreStorage", "AssetScoreIngest", "AssetScoreText", "TerminalTestSupport", "FakeHTTPServer",
                "AssetScoreServer",
            ]
        ),
        .testTarget(
            name: "AssetScoreConsoleTests",
            dependencies: ["AssetScoreConsole", "AssetScoreCore", "AssetScoreStorage", "AssetScoreIngest", "AssetScoreText", "TerminalUI"]
        ),
        .testTarget(
            name: "AssetScoreServerTests",
            dependencies: [
                "AssetScoreServer", "AssetScoreCore", "AssetScoreStorage", "AssetScoreIngest", "TerminalTestSupport", "FakeHTTPServer",
            ]
        ),
        .testTarget(name: "AssetScorePreviewTests", dependencies: ["AssetScorePreview", "TerminalUI", "CVips"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "AssetScoreCore"], exclude: ["Snapshots"]),
        .testTarget(name: "TerminalCursesTests", dependencies: ["TerminalCurses", "TerminalUI", "TerminalTestSupport"]),
        .testTarget(name: "AssetScoreHTTPTests", dependencies: ["AssetScoreHTTP", "FakeHTTPServer"]),
        .testTarget(
            name: "AssetScoreProvidersTests",
            dependencies: ["AssetScoreProviders", "AssetScoreHTTP", "AssetScoreIngest", "AssetScoreCore", "FakeHTTPServer", "CVips"]
        ),
        // A scripted HTTP/1.1 server on loopback (POSIX sockets, one thread per connection) for client tests.
        .target(name: "FakeHTTPServer", path: "Tests/FakeHTTPServer"),
        // Shared by tests that drive real programs in tmux (posix_spawn + waitpid, private tmux servers).
        .target(name: "TerminalTestSupport", path: "Tests/TerminalTestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
