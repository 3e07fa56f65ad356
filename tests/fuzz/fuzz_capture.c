/* libFuzzer harness (make fuzz): a whole capture file (pcap, pcapng, gzip/zstd/lz4-compressed)
 * through the reader, the decoders, the engine and every bundled hunt, by the command line's own
 * runner: `pcaphunt -r FILE -e LOOP --hunt all -w EVIDENCE [FILTER]` with a fresh Lua state per
 * input.  The input is a memory file (memfd) that the reader opens by its /proc path, so the
 * hunts' -w pass reads it again as it would a file.  Reports go to standard output (libFuzzer's
 * -close_fd_mask=3 silences them; sanitizer reports still show). */
#define _GNU_SOURCE
#include "cli/options.h"
#include "cli/runner.h"
#include "tests/fuzz/memfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static char dir[] = "/tmp/pcaphunt-fuzz-XXXXXX";
static char evidence[64];

static void remove_dir(void)
{
    unlink(evidence);
    rmdir(dir);
}

/* Every packet's summary line and payload, as a script would read them, and its TLS and QUIC
 * fields (a QUIC Initial opened with the client DCID the conversation index keeps), then the hunts. */
static const char loop[] =
    "local n = 0 for p in packets() do n = n + #tostring(p) + #p.payload "
    "for _, l in ipairs({'quic', 'tls'}) do local v = p[l] if v then "
    "for _, f in ipairs(pcaphunt.fields[l]) do local x = v[f.name] "
    "n = n + #tostring(type(x) == 'table' and #x or x) end end end end";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    if (!mkdtemp(dir)) { perror("mkdtemp"); exit(2); }
    snprintf(evidence, sizeof evidence, "%s/evidence.pcap", dir);
    atexit(remove_dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = fuzz_memory_file("capture", data, size);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    char filter[] = "not arp";   /* one input in four also runs the capture's filter */
    struct options o;
    memset(&o, 0, sizeof o);
    o.jobs = 1;
    const char *reads[1] = {path};   /* the captures are a list the caller owns (cli/main.c expands -r) */
    o.reads = reads;
    o.nreads = 1;
    o.chunks[o.nchunks++] = loop;
    o.hunts = "all";
    o.hunt_run = true;
    o.quiet = true;
    o.write = evidence;
    if (size % 4 == 1) o.bpf = filter;
    runner_main(&o);
    fflush(stdout);
    close(fd);
    unlink(evidence);
    return 0;
}
