#ifndef NIGHTDESK_CWRITEBACK_SHIM_H
#define NIGHTDESK_CWRITEBACK_SHIM_H
// sync_file_range, which Swift's Glibc module leaves out (it is a GNU
// extension): lets the journal start writing a new segment back to disk
// while it is still being copied, so the fsync that finishes it is short.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>

static inline int nightdesk_start_writeback(int fd, long long offset, long long length) {
    return sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE);
}
#endif
