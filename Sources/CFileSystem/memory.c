// malloc_trim is glibc's, declared in <malloc.h>, which Swift's Glibc module does not expose.
#include "CFileSystem.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void kb_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
