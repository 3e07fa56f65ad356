# Sanitizer builds, their objects apart from the normal build's: `make fuzz` (clang, libFuzzer,
# OUT=tests/out/fuzz) and `make test-asan` (ASan + UBSan + LSan, OUT=tests/out/asan-full).
#   make -f tests/san.mk OUT=DIR CC=COMPILER SAN='-fsanitize=...' [LINKSAN=...] TARGETS...
# Targets: $(OUT)/pcaphunt $(OUT)/run_unit $(OUT)/gencap $(OUT)/ptydrive, and the fuzz harnesses
# $(OUT)/fuzz_decode $(OUT)/fuzz_capture $(OUT)/fuzz_fields $(OUT)/fuzz_quic_open $(OUT)/fuzz_quic_seal $(OUT)/fuzz_state (tests/fuzz/*.c; SAN must then hold
# -fsanitize=fuzzer-no-link and LINKSAN -fsanitize=fuzzer).
OUT     ?= tests/out/asan-full
CC      ?= cc
SAN     ?= -fsanitize=address,undefined -fno-sanitize-recover=all
LINKSAN ?= $(SAN)
PKGS    := lua5.4 libpcap readline libcrypto zlib libzstd liblz4
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS)) -lm -pthread
BASE    := -O1 -g -fno-omit-frame-pointer -pthread -Wall -Wextra -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -I.
CFLAGS  := $(BASE) $(SAN) $(PKG_CFLAGS)
# core/ must never see Lua (as in the Makefile)
CORE_CFLAGS := $(BASE) $(SAN) $(filter-out -I/usr/include/lua5.4,$(PKG_CFLAGS))

# Objects are rebuilt when the compiler or the sanitizer flags change (the stamp holds them).
STAMP   := $(OUT)/flags.stamp
$(shell mkdir -p $(OUT) && { echo '$(CC) $(SAN) $(LINKSAN)' | cmp -s - $(STAMP) || echo '$(CC) $(SAN) $(LINKSAN)' > $(STAMP); })
HDRS    := $(wildcard core/*.h lua/*.h cli/*.h) $(STAMP)
CORE_OBJ := $(patsubst %.c,$(OUT)/obj/%.o,$(wildcard core/*.c))
LUA_OBJ  := $(patsubst %.c,$(OUT)/obj/%.o,$(filter-out lua/embedded.c,$(wildcard lua/*.c))) $(OUT)/obj/embedded.o
CLI_OBJ  := $(patsubst %.c,$(OUT)/obj/%.o,$(filter-out cli/main.c,$(wildcard cli/*.c)))
MAIN_OBJ := $(OUT)/obj/cli/main.o

.PHONY: all
all: $(OUT)/pcaphunt $(OUT)/run_unit $(OUT)/gencap $(OUT)/ptydrive

$(OUT)/obj/core/%.o: core/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CFLAGS) -c -o $@ $<

$(OUT)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# the bundled scripts' compiler runs at build time: built without the sanitizers
$(OUT)/compile: lua/tools/compile.c $(STAMP)
	@mkdir -p $(OUT)
	$(CC) $(BASE) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

$(OUT)/embedded.c: $(STAMP) $(OUT)/compile lua/embed.sh docs/lua-api.md docs/hunts.md $(wildcard scripts/*.lua)
	@mkdir -p $(OUT)
	sh lua/embed.sh $(OUT)/compile docs/lua-api.md docs/hunts.md $(sort $(wildcard scripts/*.lua)) > $@.tmp && mv $@.tmp $@

$(OUT)/obj/embedded.o: $(OUT)/embedded.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Ilua -c -o $@ $<

$(OUT)/pcaphunt: $(MAIN_OBJ) $(CLI_OBJ) $(LUA_OBJ) $(CORE_OBJ)
	$(CC) $(LINKSAN) -g -o $@ $^ $(PKG_LIBS)

$(OUT)/run_unit: tests/unit/*.c tests/unit/*.h $(CORE_OBJ) $(STAMP)
	$(CC) $(CORE_CFLAGS) $(LINKSAN) -o $@ $(filter %.c,$^) $(CORE_OBJ) $(PKG_LIBS)

$(OUT)/gencap: tests/gen/gencap.c $(STAMP)
	$(CC) $(CFLAGS) $(LINKSAN) -o $@ $< $(PKG_LIBS)

$(OUT)/ptydrive: tests/pty/ptydrive.c $(STAMP)
	$(CC) $(CFLAGS) $(LINKSAN) -o $@ $< -lutil

# libFuzzer harnesses: one frame through the decoders, a whole capture through the reader and
# the hunts, the Lua field accessors on a fuzzed frame, a QUIC Initial opened, one sealed here.
$(OUT)/fuzz_decode: tests/fuzz/fuzz_decode.c tests/fuzz/app_read.h $(CORE_OBJ)
	$(CC) $(CORE_CFLAGS) $(LINKSAN) -o $@ $< $(CORE_OBJ) $(PKG_LIBS)

$(OUT)/fuzz_quic_open: tests/fuzz/fuzz_quic_open.c tests/fuzz/app_read.h $(CORE_OBJ)
	$(CC) $(CORE_CFLAGS) $(LINKSAN) -o $@ $< $(CORE_OBJ) $(PKG_LIBS)

$(OUT)/fuzz_quic_seal: tests/fuzz/fuzz_quic_seal.c tests/fuzz/app_read.h $(CORE_OBJ)
	$(CC) $(CORE_CFLAGS) $(LINKSAN) -o $@ $< $(CORE_OBJ) $(PKG_LIBS)

$(OUT)/fuzz_capture: tests/fuzz/fuzz_capture.c $(CLI_OBJ) $(LUA_OBJ) $(CORE_OBJ)
	$(CC) $(CFLAGS) $(LINKSAN) -o $@ $< $(CLI_OBJ) $(LUA_OBJ) $(CORE_OBJ) $(PKG_LIBS)

$(OUT)/fuzz_fields: tests/fuzz/fuzz_fields.c $(LUA_OBJ) $(CORE_OBJ)
	$(CC) $(CFLAGS) $(LINKSAN) -o $@ $< $(LUA_OBJ) $(CORE_OBJ) $(PKG_LIBS)

# the reader of split-run states (core/replay.c), as --merge reads up to three of them
$(OUT)/fuzz_state: tests/fuzz/fuzz_state.c $(CORE_OBJ)
	$(CC) $(CORE_CFLAGS) $(LINKSAN) -o $@ $< $(CORE_OBJ) $(PKG_LIBS)
