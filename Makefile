# pcaphunt — build, test, demo.  `make demo` then `make test` on a fresh Debian 12.
PREFIX   ?= /usr/local
CC       ?= cc
PKGS     := lua5.4 libpcap readline libcrypto zlib libzstd liblz4
DEB_PKGS := libpcap-dev liblua5.4-dev libreadline-dev libssl-dev zlib1g-dev libzstd-dev liblz4-dev pkg-config python3

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS   ?= -O2 -g
CFLAGS   += -pthread -Wall -Wextra -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -I. $(PKG_CFLAGS)
# Lua from Debian's static archive when there is one: a script's field read makes several calls into
# the interpreter, and a shared liblua adds the PLT and position-independent code to each (loop (1)
# of make bench, docs/performance.md "Session 11").  The program then exports the Lua API (and
# nothing else of its own) to the C modules a script requires, as the lua interpreter does; in a
# variable of its own, so that a packager's LDFLAGS=... on the command line keeps it.
LUA_A    := $(shell f=$$($(CC) -print-file-name=liblua5.4.a 2>/dev/null); [ -f "$$f" ] && echo "$$f")
ifneq ($(LUA_A),)
PKG_LIBS := $(filter-out -llua5.4,$(PKG_LIBS)) $(LUA_A) -ldl
LUA_LDFLAGS := -Wl,--export-dynamic-symbol=lua_* -Wl,--export-dynamic-symbol=luaL_*
endif
LDLIBS   += $(PKG_LIBS) -lm -pthread

CORE_SRC := $(wildcard core/*.c)
LUA_SRC  := $(filter-out lua/embedded.c,$(wildcard lua/*.c)) lua/embedded.c
CLI_SRC  := $(wildcard cli/*.c)
CORE_OBJ := $(CORE_SRC:.c=.o)
LUA_OBJ  := $(LUA_SRC:.c=.o)
CLI_OBJ  := $(CLI_SRC:.c=.o)
HDRS     := $(wildcard core/*.h lua/*.h cli/*.h)

.PHONY: bigcap release test-release docs all test test-unit test-corpus corpus-findings demo deps clean install bench check-deps regen leak fuzz test-asan
all: pcaphunt

pcaphunt: $(CLI_OBJ) $(LUA_OBJ) $(CORE_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) $(LUA_LDFLAGS) -o $@ $^ $(LDLIBS)

lua/embedded.c: lua/embed.sh lua/tools/compile docs/lua-api.md docs/hunts.md $(wildcard scripts/*.lua)
	sh lua/embed.sh lua/tools/compile docs/lua-api.md docs/hunts.md $(sort $(wildcard scripts/*.lua)) > $@.tmp && mv $@.tmp $@

# The bundled scripts' compiler (build time only): bytecode the program loads without parsing.
lua/tools/compile: lua/tools/compile.c
	$(CC) $(CFLAGS) -o $@ $< $(LDLIBS)

%.o: %.c $(HDRS)
	$(CC) $(CFLAGS) -c -o $@ $<

# core/ must never see Lua.
core/%.o: CFLAGS := $(filter-out -I/usr/include/lua5.4,$(CFLAGS))

tests/unit/run_unit: tests/unit/*.c $(CORE_OBJ) tests/unit/*.h
	$(CC) $(CFLAGS) -o $@ $(filter %.c,$^) $(CORE_OBJ) $(LDLIBS)

tests/gen/gencap: tests/gen/gencap.c
	$(CC) $(CFLAGS) -o $@ $< $(LDLIBS)

tests/pty/ptydrive: tests/pty/ptydrive.c
	$(CC) $(CFLAGS) -o $@ $< -lutil

test: pcaphunt tests/unit/run_unit tests/gen/gencap tests/pty/ptydrive
	@sh tests/run.sh

regen: tests/gen/gencap
	./tests/gen/gencap tests/data

test-corpus: pcaphunt
	@sh tests/corpus/run.sh

# --hunt all over ../shared/corpus: the finding groups at low or above, one per line, and their count
corpus-findings: pcaphunt
	@mkdir -p tests/out && sh tests/corpus/findings.sh

check-deps:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	  else echo "missing packages; run: sudo apt-get install -y$$missing"; exit 1; fi; fi

demo: check-deps
	@$(MAKE) --no-print-directory pcaphunt
	./pcaphunt -r tests/data/sample.pcap --hunt all; test $$? -le 1

# AddressSanitizer/LeakSanitizer build in tests/out/asan: every capture, nested loops, Ctrl-C runs.
leak:
	@sh tests/leak.sh

# make release: build/release/pcaphunt, the program built for use: -O3, link-time optimisation and
# (with GCC) profile feedback.  Its objects are compiled instrumented, the instrumented program runs
# over a generated capture and the test captures (bench/train.sh), and they are compiled again laid
# out by those counts; code the training never ran is optimised as usual (-fprofile-partial-training).
# docs/performance.md "Session 17" says what it buys.  make install installs it; make bench measures it.
REL     := build/release
REL_OBJ := $(addprefix $(REL)/,$(CLI_OBJ) $(LUA_OBJ) $(CORE_OBJ))
REL_GCC := $(shell $(CC) --version 2>/dev/null | grep -q 'Free Software Foundation' && echo yes)
REL_CFLAGS = -O3 -flto=auto $(if $(REL_GCC),$(if $(filter gen,$(REL_PHASE)),-fprofile-generate -fprofile-update=atomic,-fprofile-use -fprofile-partial-training -Wno-missing-profile))

release: $(REL)/built

$(REL)/built: $(CORE_SRC) $(LUA_SRC) $(CLI_SRC) $(HDRS) bench/train.sh bench/genbench.c Makefile
	rm -rf $(REL)
ifeq ($(REL_GCC),yes)
	@$(MAKE) --no-print-directory REL_PHASE=gen $(REL)/pcaphunt
	sh bench/train.sh $(REL)/pcaphunt $(REL)/train
	rm -rf $(REL)/pcaphunt $(REL)/train $(REL_OBJ)
	@$(MAKE) --no-print-directory REL_PHASE=use $(REL)/pcaphunt
else
	@echo "make release: $(CC) is not GCC: built with -O3 and link-time optimisation, without profile feedback"
	@$(MAKE) --no-print-directory REL_PHASE=plain $(REL)/pcaphunt
endif
	touch $@

$(REL)/pcaphunt: $(REL_OBJ)
	$(CC) $(CFLAGS) $(REL_CFLAGS) $(LDFLAGS) $(LUA_LDFLAGS) -o $@ $^ $(LDLIBS)

$(REL)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(REL_CFLAGS) -c -o $@ $<

$(REL)/core/%.o: CFLAGS := $(filter-out -I/usr/include/lua5.4,$(CFLAGS))

# The whole suite against the release build (it stands in for ./pcaphunt while the suite runs, then
# ./pcaphunt is left for make to build again).
test-release: release tests/unit/run_unit tests/gen/gencap tests/pty/ptydrive
	@rm -f pcaphunt && cp $(REL)/pcaphunt pcaphunt && sh tests/run.sh; status=$$?; rm -f pcaphunt; exit $$status

bench: release
	@PCAPHUNT=$(REL)/pcaphunt sh bench/run.sh

# A large realistic capture to explore (bench/genbench.c: mixed traffic, VLANs, the seed's anomalies at
# fixed rates, counts in its .truth file): bench/out/big-FRAMES.pcap, FRAMES frames (default 1000000).
FRAMES ?= 1000000
bigcap:
	@mkdir -p bench/out && $(CC) -O2 -o bench/out/genbench bench/genbench.c && bench/out/genbench bench/out/big-$(FRAMES).pcap $(FRAMES) && \
	 echo "bench/out/big-$(FRAMES).pcap ($(FRAMES) frames; counts in bench/out/big-$(FRAMES).truth)"

# The bundled hunts, the prelude and the API text are compiled into the binary: it and its man page are all.
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(REL)/pcaphunt $(DESTDIR)$(PREFIX)/bin/pcaphunt
	install -m 644 pcaphunt.1 $(DESTDIR)$(PREFIX)/share/man/man1/pcaphunt.1

clean:
	rm -f pcaphunt core/*.o lua/*.o cli/*.o lua/embedded.c lua/tools/compile tests/unit/run_unit tests/gen/gencap tests/pty/ptydrive
	rm -rf tests/out build

# The field reference in docs/lua-api.md is generated from lua/fields.c.
docs: pcaphunt
	./pcaphunt tests/gen/fields_doc.lua > docs/.fields.md
	awk -v gen=docs/.fields.md '/^<!-- generated from lua\/fields.c/ { print; while ((getline l < gen) > 0) print l; skip = 1; next } /^<!-- end of field reference -->/ { skip = 0 } !skip' docs/lua-api.md > docs/.lua-api.md
	mv docs/.lua-api.md docs/lua-api.md && rm -f docs/.fields.md

# libFuzzer harnesses (clang; objects in tests/out/fuzz): FUZZ_SECONDS per harness (default 60).
fuzz:
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

# The whole suite, leak.sh's cases and the corpus under ASan + UBSan + LSan (objects in tests/out/asan-full).
test-asan:
	@sh tests/asan.sh
