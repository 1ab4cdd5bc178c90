# The two commands README.md promises a new user on a fresh Debian machine:
#   make test   installs what is missing, builds, runs every test against real servers
#   make demo   runs a whole campaign end to end on loopback servers
SWIFT ?= swift
SWIFT_TEST_FLAGS ?=
PREFIX ?= /usr/local
DESTDIR ?=
SHARE = $(DESTDIR)$(PREFIX)/share/dondoc

.PHONY: all setup build test demo release install uninstall man clean

all: build

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

# The Swift runtime is linked in, so the server needs only Debian's libraries (libcurl4,
# libgmime-3.0-0, libsqlite3-0, and for documents libpoppler-glib8, libarchive13,
# libtesseract5, liblept5, libssl3, tesseract-ocr-vie; docs/deploy.md), not a toolchain.
release: setup
	$(SWIFT) build -c release --static-swift-stdlib --product dondoc
	$(SWIFT) build -c release --static-swift-stdlib --product dondoc-read-document

# Installs the program and, for the IT officer to copy into place, the example
# campaign, the templates and the cron/systemd files (nothing is activated; see
# docs/deploy.md).
install: release man
	install -D -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/dondoc" "$(DESTDIR)$(PREFIX)/bin/dondoc"
	# The child that opens attached documents under limits; dondoc looks for it here.
	install -D -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/dondoc-read-document" \
		"$(DESTDIR)$(PREFIX)/libexec/dondoc/dondoc-read-document"
	install -d "$(SHARE)/mailtemplates/vi" "$(SHARE)/examples" "$(SHARE)/cron"
	install -m 0644 mailtemplates/vi/*.mustache mailtemplates/README.md "$(SHARE)/mailtemplates/vi/"
	install -m 0644 examples/*.yaml "$(SHARE)/examples/"
	install -m 0644 cron/* "$(SHARE)/cron/"
	install -m 0644 docs/deploy.md "$(SHARE)/"
	install -D -m 0644 .build/plugins/GenerateManual/outputs/dondoc/dondoc.1 \
		"$(DESTDIR)$(PREFIX)/share/man/man1/dondoc.1"

# The manual page, generated from the command definitions by swift-argument-parser's
# plugin: the options it lists are the ones the program parses.
man: setup
	$(SWIFT) package plugin generate-manual --configuration debug
	@echo "man page: .build/plugins/GenerateManual/outputs/dondoc/dondoc.1 (man -l to read it)"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/dondoc" "$(DESTDIR)$(PREFIX)/libexec/dondoc/dondoc-read-document"
	rm -f "$(DESTDIR)$(PREFIX)/share/man/man1/dondoc.1"
	-rmdir "$(DESTDIR)$(PREFIX)/libexec/dondoc"
	rm -rf "$(SHARE)"

test: setup
	$(SWIFT) build --build-tests
	# The tests are XCTest; without this flag Swift Testing ends the run with a
	# "0 tests" line that reads as if nothing ran.
	$(SWIFT) test --skip-build --disable-swift-testing $(SWIFT_TEST_FLAGS)

demo: setup
	$(SWIFT) build
	scripts/demo.sh

# Fault drills: the kill -9 drill at 50 instants over a 3,000-message first poll, a crash
# signal while reading, servers that drop or refuse mid-way, the disk under the store
# filling up (a small tmpfs; needs root), two polls or reminds at once. The short
# versions run in make test; these take some minutes.
.PHONY: drills
drills: setup
	$(SWIFT) build --build-tests
	DONDOC_DRILLS=1 $(SWIFT) test --skip-build --disable-swift-testing --filter \
		'testKillNine|testCrashWhileReading|CutOff|Temporary|Hostile|BrokenIMAP|Unreachable|Drill|Deferring|ConcurrentOpen|UIDValidity'

# libFuzzer over the MIME parser with attribution, and over the IMAP response reader,
# FUZZ_SECONDS (600) each, both at once; a crashing input is kept in Tests/Fixtures/fuzz,
# where make test replays it (scripts/fuzz.sh).
.PHONY: fuzz
fuzz: setup
	scripts/fuzz.sh

clean:
	rm -rf .build

# dondoc beside mbsync, getmail6 and mailmerge, on loopback servers; appends to
# bench/RESULTS.md (bench/README.md). About 20 min on 2 vCPUs (2026-11-29, 15:08 run).
.PHONY: bench
bench: setup
	bench/run.sh
