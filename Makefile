# attain — the two commands of the README are `make run` and `make test`.
# CMake does the building; this file wraps it and installs what is missing.

PREFIX   ?= /usr/local
BUILD    ?= build
TESTBUILD = $(BUILD)/asan
FUZZBUILD = $(BUILD)/fuzz
MEMBUILD  = $(BUILD)/memcheck
DEMO_DB  ?= $(BUILD)/demo.db
FUZZ_SECONDS ?= 20
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)

TSANBUILD = $(BUILD)/tsan

.PHONY: all deps run test unit memcheck tsan install fuzz bench clean format lint

all: $(BUILD)/Makefile
	@cmake --build $(BUILD) -j$(JOBS) --target attain

$(BUILD)/Makefile:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATTAIN_TESTS=OFF >/dev/null

deps:
	@scripts/install-deps

# Build, create the demo database and serve it (the web UI and the API) until
# Ctrl-C: requests in flight finish and the database closes.
LISTEN ?= 127.0.0.1:8080
run: deps all
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).engine
	@$(BUILD)/attain --db $(DEMO_DB) demo
	@echo
	@echo "attain serves the demo at http://$(LISTEN)/  (Ctrl-C stops it)"
	@echo "sign in as:  admin / attain-admin       (admin: everything)"
	@echo "             manager / attain-manager   (the 华东 regional manager)"
	@echo "             rep / attain-rep           (a 华东 sales rep)"
	@echo "the CLI on the same data: $(BUILD)/attain --db $(DEMO_DB) goal status --period this-month"
	@exec $(BUILD)/attain --db $(DEMO_DB) serve --listen $(LISTEN)

# Every test: unit tests, CLI cases and the source checks, under ASan+UBSan;
# the unit tests again under valgrind; then a short fuzzing run of every
# target (FUZZ_SECONDS each). The CLI cases need the shared data
# (ATTAIN_DATA, default ../shared/data): without it this fails, unless
# ATTAIN_ALLOW_NO_DATA=1 (the cases that need it are then reported skipped).
test: deps all
	@cmake -S . -B $(TESTBUILD) -DCMAKE_BUILD_TYPE=Debug -DATTAIN_SANITIZE=ON >/dev/null
	@cmake --build $(TESTBUILD) -j$(JOBS)
	@cd $(TESTBUILD) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j$(JOBS)
	@$(MAKE) --no-print-directory memcheck
	@$(MAKE) --no-print-directory tsan
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)

# The unit tests of a plain Debug build (no sanitizers) under valgrind memcheck:
# an invalid access, an uninitialised read or a leak fails the test.
memcheck: deps
	@cmake -S . -B $(MEMBUILD) -DCMAKE_BUILD_TYPE=Debug -DATTAIN_MEMCHECK=ON >/dev/null
	@cmake --build $(MEMBUILD) -j$(JOBS)
	@cd $(MEMBUILD) && ctest --output-on-failure -j$(JOBS) -L memcheck

# The core library and tests/tsan/ under ThreadSanitizer: 8 threads share one
# engine while another process imports (test_engine_threads); any data race
# or an answer unlike a single-threaded run fails.
tsan: deps
	@cmake -S . -B $(TSANBUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATTAIN_TSAN=ON -DATTAIN_TESTS=OFF >/dev/null
	@cmake --build $(TSANBUILD) -j$(JOBS) --target test_engine_threads
	@TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" $(TSANBUILD)/test_engine_threads

install: all
	@install -d $(DESTDIR)$(PREFIX)/bin
	@install -m 755 $(BUILD)/attain $(DESTDIR)$(PREFIX)/bin/attain

# libFuzzer targets (tests/fuzz/fuzz_*.c: CSV reader, periods, goal sentences,
# values, goal targets, engine snapshots), FUZZ_SECONDS each; any crash fails.
# Crashers are kept under tests/fuzz/corpus/<target>/ and replayed first.
fuzz: deps
	@tests/fuzz/run $(FUZZBUILD) $(FUZZ_SECONDS)

bench: all
	@bench/run $(BUILD)/attain

format:
	@clang-format -i src/*.c src/*/*.c src/*/*.h tests/unit/*.c tests/fuzz/*.c tests/tsan/*.c

lint:
	@cppcheck --quiet --enable=warning,style,performance --std=c11 --inline-suppr \
	  --suppress=missingIncludeSystem -Isrc src
	@tools/check-src

clean:
	@rm -rf $(BUILD)
