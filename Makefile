# Roadmap Reader. `make run` opens the window; `make test` runs every test.
# Both install what a fresh Debian 12 machine lacks first.

GO       ?= go
BIN      := bin/roadmap-reader
VERSION  ?= $(shell git describe --tags --always 2>/dev/null || echo dev)
LDFLAGS  := -X main.Version=$(VERSION)
# migrated_fynedo is what FyneApp.toml's [Migrations] fyneDo asks for, as the
# fyne tool would pass it: a plain go build only reads FyneApp.toml at run
# time, from beside the binary, and bin/ has none.
# no_emoji leaves out Fyne's bundled colour emoji font: every text style
# parsed its 4 MB into the heap at start (about 17 MB of a fresh window's
# 34 MB); an emoji in a note is drawn from the system's fonts instead.
TAGS     := migrated_fynedo,no_emoji
BUILD    := build

# Debian packages: Fyne's cgo build, and the real-window tests.
BUILD_DEPS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev
# espeak-ng speaks a chapter into a WAV file (read --audio).
RUN_DEPS   := espeak-ng
TEST_DEPS  := xvfb xdotool xclip imagemagick xauth desktop-file-utils locales librsvg2-bin espeak-ng
PACKAGE_DEPS := desktop-file-utils appstream xz-utils
METAINFO   := packaging/io.github.roadmapreader.RoadmapReader.metainfo.xml

export LANG := en_US.UTF-8
export XDG_RUNTIME_DIR ?= /tmp/roadmap-reader-runtime

.PHONY: run test build deps test-deps unit-test view-test race-test e2e-test e2e-stress e2e-scale bench figures package clean fmt vet

run: deps build
	./$(BIN)

build: deps
	$(GO) build -tags "$(TAGS)" -ldflags "$(LDFLAGS)" -o $(BIN) .

# deps installs the missing Debian packages with apt-get when run as root,
# and otherwise prints the one line to run.
deps:
	@scripts/deps.sh $(BUILD_DEPS) $(RUN_DEPS)

test-deps:
	@scripts/deps.sh $(BUILD_DEPS) $(RUN_DEPS) $(TEST_DEPS)
	@scripts/locale.sh

test: test-deps vet unit-test race-test e2e-test

vet:
	@test -z "$$(gofmt -l . | tee /dev/stderr)" || (echo "gofmt: files above need formatting" && false)
	$(GO) vet ./...
	$(GO) vet -tags e2e ./e2e/

# The core builds and tests without cgo, in seconds.
unit-test:
	CGO_ENABLED=0 ROADMAP_READER_REQUIRE_TOOLS=1 $(GO) test -count=1 ./app/... ./storage/... ./cli/... ./assets/...

view-test:
	$(GO) test -count=1 ./views/...

# Every package, views included, under the race detector (needs cgo).
race-test:
	$(GO) test -race -count=1 ./...

# A real window under Xvfb, driven with xdotool; screenshots land in build/.
e2e-test:
	@mkdir -p $(BUILD) $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(GO) build -tags "$(TAGS)" -ldflags "$(LDFLAGS)" -o $(BIN) .
	E2E_BIN=$(CURDIR)/$(BIN) E2E_OUT=$(CURDIR)/$(BUILD) \
		xvfb-run -a -s "-screen 0 1280x800x24" $(GO) test -count=1 -tags e2e -timeout 15m ./e2e/...

# Opt-in, slow to set up: the window over 10,000 generated notes, five topic
# switches each answered within a bound (e2e/scale_test.go).
e2e-scale:
	@mkdir -p $(BUILD) $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(GO) build -tags "$(TAGS)" -ldflags "$(LDFLAGS)" -o $(BIN) .
	E2E_SCALE=1 E2E_BIN=$(CURDIR)/$(BIN) E2E_OUT=$(CURDIR)/$(BUILD) \
		xvfb-run -a -s "-screen 0 1280x800x24" $(GO) test -count=1 -tags e2e -timeout 15m -run TenThousandNotes -v ./e2e/...

# The e2e suite three times while two busy loops hold both cores: the test
# waits on what the window shows, so a slow machine must not fail it.
e2e-stress:
	@mkdir -p $(BUILD) $(XDG_RUNTIME_DIR) && chmod 700 $(XDG_RUNTIME_DIR)
	$(GO) build -tags "$(TAGS)" -ldflags "$(LDFLAGS)" -o $(BIN) .
	@sh -c 'while :; do :; done' & b1=$$!; sh -c 'while :; do :; done' & b2=$$!; \
	trap "kill $$b1 $$b2" EXIT; pass=0; \
	for i in 1 2 3; do \
		if E2E_BIN=$(CURDIR)/$(BIN) E2E_OUT=$(CURDIR)/$(BUILD) \
			xvfb-run -a -s "-screen 0 1280x800x24" $(GO) test -count=1 -tags e2e -timeout 15m ./e2e/...; \
		then pass=$$((pass+1)); fi; \
		echo "e2e-stress: run $$i done, $$pass passed so far"; \
	done; \
	echo "e2e-stress: $$pass/3 runs passed with both cores busy"; test $$pass -eq 3

bench:
	CGO_ENABLED=0 $(GO) test -run '^$$' -bench . -benchmem ./app/... ./storage/...

# Fyne's SVG painter draws no text, so every figure ships with a PNG rendering.
figures:
	@for f in assets/roadmap/figures/*.svg; do rsvg-convert -w 1600 "$$f" -o "$${f%.svg}.png"; done

# A desktop bundle (tar.xz with the binary, the icon, a .desktop entry and
# the AppStream metainfo that software centres read), made by the fyne tool
# from FyneApp.toml. The tool bumps the build number in FyneApp.toml; the file
# is put back so no stray diff is left. The fyne tool's bundle knows nothing of
# metainfo, so it is added to the tree and to the bundle's install targets.
package: build
	@scripts/deps.sh $(PACKAGE_DEPS)
	$(GO) install fyne.io/tools/cmd/fyne@v1.7.4
	@mkdir -p $(BUILD)/package && cp FyneApp.toml $(BUILD)/FyneApp.toml.orig
	PATH="$$($(GO) env GOPATH)/bin:$$PATH" fyne package --target linux --exe $(BIN) --name "Roadmap Reader" --tags "$(TAGS)" --release; \
		status=$$?; cp $(BUILD)/FyneApp.toml.orig FyneApp.toml; exit $$status
	rm -rf $(BUILD)/package/root && mkdir -p $(BUILD)/package/root
	tar -xJf "Roadmap Reader.tar.xz" -C $(BUILD)/package/root && rm "Roadmap Reader.tar.xz"
	scripts/add-metainfo.sh $(BUILD)/package/root/roadmap-reader $(METAINFO)
	tar -cJf $(BUILD)/package/roadmap-reader.tar.xz -C $(BUILD)/package/root roadmap-reader
	desktop-file-validate $$(find $(BUILD)/package/root -name '*.desktop')
	appstreamcli validate --no-net $$(find $(BUILD)/package/root -name '*.metainfo.xml')
	@echo "bundle: $(BUILD)/package/roadmap-reader.tar.xz"

clean:
	rm -rf bin $(BUILD)
