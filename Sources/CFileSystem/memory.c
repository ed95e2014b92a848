// malloc_trim is glibc's, declared in <malloc.h>, which Swift's Glibc module does not expose.
#include "CFileSystem.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void kb_keep_large_blocks_apart(void) {
#if defined(__GLIBC__)
    // A fixed threshold also turns off glibc's raising of it each time a mapped block is freed,
    // after which blocks up to that size (32 MB at most) come from the heap and stay there.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
}

void kb_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
