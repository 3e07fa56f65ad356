#!/bin/sh
# make fuzz: builds the libFuzzer harnesses (clang, -fsanitize=fuzzer,address,undefined; objects in
# tests/out/fuzz, apart from the normal build) and runs each for FUZZ_SECONDS (default 60), one after
# the other, at nice 10, one process each.  Harnesses (tests/fuzz/*.c):
#   decode   one frame through the decoders of every link type (core/decode.c)
#   capture  a whole capture file through the reader, a packets() loop, --hunt all and -w
#   fields   every field of tests/fuzz/walk.lua on a packet made from a fuzzed frame
#   quic_open   a QUIC datagram (and a client DCID) through the Initial decryptor, its frame walker
#            and TLS hello decoder, and the datagram's bytes straight into the walker and the decoder
#   quic_seal   a fuzzed plaintext sealed here as a QUIC Initial (valid tags), opened by app decoding
#   state    up to three split-run states (--state-out) through the --merge reader (core/replay.c)
# Seeds: the checked-in captures (tests/data), the regression inputs (tests/data/fuzz/HARNESS),
# ../shared/corpus when present (PCAPHUNT_CORPUS), gzip/zstd/lz4 copies of a few captures, and
# their frames for decode and fields, their QUIC long headers (with the conversation's client DCID)
# for quic_open, their TLS hellos as CRYPTO frames for quic_seal.  What each run found is kept in tests/out/fuzz/corpus/HARNESS.
# Usage: FUZZ_SECONDS=N FUZZ_TARGETS="decode capture fields quic_open quic_seal state" [FUZZ_MAX_LEN=BYTES] sh tests/fuzz/run.sh
# (FUZZ_MAX_LEN: the largest capture input, default 16384; frames are at most 4096 bytes)
# Ends with one line per harness (executions, cov:, ft:) and fails when a harness found a crash,
# a leak or undefined behaviour (the input is in tests/out/fuzz/crashes/).
cd "$(dirname "$0")/../.." || exit 2
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-decode capture fields quic_open quic_seal state}
FCC=${FUZZ_CC:-clang}
O=tests/out/fuzz
corpus=${PCAPHUNT_CORPUS:-../shared/corpus}

printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > /tmp/pcaphunt-fuzz-probe.c
if ! "$FCC" -fsanitize=fuzzer,address,undefined -o /tmp/pcaphunt-fuzz-probe /tmp/pcaphunt-fuzz-probe.c 2>/dev/null; then
    rm -f /tmp/pcaphunt-fuzz-probe.c
    echo "fuzz: $FCC cannot build libFuzzer targets (-fsanitize=fuzzer): install clang (apt-get install clang)"
    exit 2
fi
rm -f /tmp/pcaphunt-fuzz-probe /tmp/pcaphunt-fuzz-probe.c

# 1. the harnesses; the normal binary cuts the seed frames
mkdir -p $O
bins=""
for t in $TARGETS; do bins="$bins $O/fuzz_$t"; done
make --no-print-directory -f tests/san.mk OUT=$O CC="$FCC" \
    SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
    LINKSAN="-fsanitize=fuzzer,address,undefined" $bins > $O/build.log 2>&1 || {
    tail -n 20 $O/build.log; echo "fuzz: the build failed (log: $O/build.log)"; exit 2; }
make --no-print-directory pcaphunt > /dev/null || exit 2

# 2. seeds
S=$O/seeds
rm -rf "$S"; mkdir -p "$S/capture" "$S/frames" "$S/quic_open" "$S/quic_seal" "$S/state" "$O/crashes"
caps=$(ls tests/data/*.pcap tests/data/*.pcapng)
if [ -d "$corpus" ]; then
    caps="$caps $(find "$corpus" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) -size -1024k | sort)"
else
    echo "fuzz: $corpus is absent: seeds from tests/data only"
fi
i=0
for f in $caps; do i=$((i + 1)); cp "$f" "$S/capture/$i-$(basename "$f")"; done
for f in tests/data/q-trojan.pcapng tests/data/sample.pcap tests/data/mixed-linktypes.pcapng; do
    b=$(basename "$f")
    command -v gzip > /dev/null && gzip -c "$f" > "$S/capture/$b.gz"
    command -v zstd > /dev/null && zstd -q -c "$f" > "$S/capture/$b.zst"
    command -v lz4 > /dev/null && lz4 -q -c "$f" > "$S/capture/$b.lz4"
done
# frames: link type index (tests/fuzz/fuzz_decode.c's table), a flags byte, the frame (30 per capture);
# quic_open: flags, DCID length, the conversation's first DCID, a QUIC long header's UDP payload;
# quic_seal: flags (0 a client's, 0x10 a server's), packet number, a CRYPTO frame of a TLS hello
cat > $O/frames.lua <<'EOF'
local index = {[1] = 0, [113] = 1, [276] = 2, [0] = 3, [108] = 4, [101] = 5, [12] = 6, [14] = 7, [228] = 8, [229] = 9}
local n, q, h, first = 0, 0, 0, {}
local function put(dir, name, bytes)
  local f = assert(io.open(string.format("%s/%s/%s", arg[1], dir, name), "wb"))
  f:write(bytes) f:close()
end
for p in packets() do
  local ix = index[p.frame.linktype]
  if ix and p.frame.number <= 30 then
    n = n + 1
    put("frames", string.format("%s-%d", arg[2], n), string.char(ix, 0) .. p.data)
  end
  local pl = p.payload
  if p.udp and #pl >= 7 and pl:byte(1) >= 0xc0 and q < 40 then
    local a, b = pcaphunt.endpoint(p.src, p.sport), pcaphunt.endpoint(p.dst, p.dport)
    local key = a < b and a .. b or b .. a
    local dcid = pl:sub(7, 6 + pl:byte(6))
    if #dcid <= 20 then
      first[key] = first[key] or dcid
      q = q + 1
      put("quic_open", string.format("%s-%d", arg[2], q), string.char(1, #first[key]) .. first[key] .. pl)
      put("quic_open", string.format("%s-%d-own", arg[2], q), string.char(0, 0) .. pl)
    end
  end
  local t = p.tls
  if t and p.tcp and (t.handshake_type == 1 or t.handshake_type == 2) and #pl > 9 and h < 10 then
    local rlen = pl:byte(4) * 256 + pl:byte(5)
    local hs = pl:sub(6, 5 + rlen)
    if #hs == rlen and rlen < 1300 then
      h = h + 1
      local frame = string.char(6, 0, 0x40 | (rlen >> 8), rlen & 0xff) .. hs
      put("quic_seal", string.format("%s-%d", arg[2], h), string.char(t.handshake_type == 2 and 0x10 or 0, h) .. frame)
      -- the hello in two CRYPTO frames, the second half first, PING and PADDING between
      local half = rlen // 2
      local two = string.char(6, 0x40 | (half >> 8), half & 0xff, 0x40 | ((rlen - half) >> 8), (rlen - half) & 0xff) ..
                  hs:sub(half + 1) .. "\1\0\0" .. string.char(6, 0, 0x40 | (half >> 8), half & 0xff) .. hs:sub(1, half)
      put("quic_seal", string.format("%s-%d-two", arg[2], h), string.char(0x25, h) .. two)
    end
  end
end
EOF
i=0
for f in $caps; do
    i=$((i + 1))
    ./pcaphunt -r "$f" $O/frames.lua "$S" "$i" > /dev/null 2>&1
done
# state: a mode byte (0: memory files, else cut into socket messages), then the states of one run's
# parts, SEP between them (tests/fuzz/fuzz_state.c): one part alone and three parts, of a few captures
sep=$(printf '\376\375PART\375\376')
for f in split-all q-trojan icmp-backscatter icmp-idle port-scan syn-flood udp-scan cut-short quic-initial; do
    ./pcaphunt -r tests/data/$f.pcap --hunt all --state-out $O/st.one 2> /dev/null
    { printf '\0'; cat $O/st.one; } > "$S/state/$f-1"
    { printf '\7'; cat $O/st.one; } > "$S/state/$f-1-cut"
    for k in 1 2 3; do ./pcaphunt -r tests/data/$f.pcap --hunt all --part $k/3 --state-out $O/st.$k 2> /dev/null; done
    { printf '\0'; cat $O/st.1; printf '%s' "$sep"; cat $O/st.2; printf '%s' "$sep"; cat $O/st.3; } > "$S/state/$f-3"
done
echo "fuzz: seeds: $(ls "$S/capture" | wc -l) captures, $(ls "$S/frames" | wc -l) frames," \
     "$(ls "$S/quic_open" | wc -l) QUIC datagrams, $(ls "$S/quic_seal" | wc -l) TLS hellos, $(ls "$S/state" | wc -l) states"

# 3. the runs
status=0
summary=""
for t in $TARGETS; do
    mkdir -p "$O/corpus/$t"
    regress=tests/data/fuzz/$t   # inputs that once crashed, run first
    [ -d "$regress" ] || regress=
    case $t in
        capture) seeds="$S/capture"; maxlen=${FUZZ_MAX_LEN:-16384}; dict=-dict=tests/fuzz/capture.dict ;;
        quic_open) seeds="$S/quic_open"; maxlen=2048; dict=-dict=tests/fuzz/quic.dict ;;
        quic_seal) seeds="$S/quic_seal"; maxlen=1402; dict=-dict=tests/fuzz/quic.dict ;;
        state) seeds="$S/state"; maxlen=65536; dict= ;;
        *) seeds="$S/frames"; maxlen=4096; dict= ;;
    esac
    rm -f "$O/crashes/$t-"*
    echo "fuzz: $t for $SECONDS_EACH s"
    nice -n 10 "$O/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=3072 -max_len=$maxlen \
        -close_fd_mask=3 -print_final_stats=1 $dict -artifact_prefix="$O/crashes/$t-" \
        "$O/corpus/$t" $regress "$seeds" > "$O/$t.log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$O/$t.log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$O/$t.log" | tail -n 1)
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    units=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p')
    line="fuzz $t: ${execs:-?} executions in $SECONDS_EACH s, cov: ${cov:-?} ft: ${ft:-?} corpus: ${units:-?}"
    if [ "$rc" -ne 0 ] || ls "$O/crashes/$t-"* > /dev/null 2>&1; then
        status=1
        line="$line -- FAILED (status $rc): $(ls "$O/crashes/$t-"* 2>/dev/null | tr '\n' ' ')"
        grep -E 'ERROR|SUMMARY|runtime error|walk raised' "$O/$t.log" | head -n 5
    fi
    echo "$line"
    summary="$summary$line
"
done
printf '%s' "$summary" > $O/summary.txt
exit $status
