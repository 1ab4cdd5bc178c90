# The two commands README.md promises a new user on a fresh Debian machine:
#   make test   installs what is missing, builds, runs every test against real servers
#   make demo   runs a whole campaign end to end on loopback servers
SWIFT ?= swift
SWIFT_TEST_FLAGS ?=

.PHONY: all setup build test demo release clean

all: build

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

test: setup
	$(SWIFT) build --build-tests
	# The tests are XCTest; without this flag Swift Testing ends the run with a
	# "0 tests" line that reads as if nothing ran.
	$(SWIFT) test --skip-build --disable-swift-testing $(SWIFT_TEST_FLAGS)

demo: setup
	$(SWIFT) build
	scripts/demo.sh

clean:
	rm -rf .build
