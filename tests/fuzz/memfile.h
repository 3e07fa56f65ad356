/* For the libFuzzer harnesses (tests/fuzz): an input's bytes in a memory file (memfd), at its
 * start, so the code under test reads it as it reads a file.  Static: one copy each. */
#ifndef PCAPHUNT_FUZZ_MEMFILE_H
#define PCAPHUNT_FUZZ_MEMFILE_H

/* the includer defines _GNU_SOURCE first (memfd_create) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* The descriptor of a memory file named name holding b[0..n), positioned at its start; exits on failure. */
static int fuzz_memory_file(const char *name, const uint8_t *b, size_t n)
{
    int fd = memfd_create(name, 0);
    if (fd < 0) { perror("memfd_create"); exit(2); }
    for (size_t done = 0; done < n;) {
        ssize_t k = write(fd, b + done, n - done);
        if (k <= 0) { perror("write"); exit(2); }
        done += (size_t)k;
    }
    if (lseek(fd, 0, SEEK_SET) != 0) { perror("lseek"); exit(2); }
    return fd;
}

#endif
