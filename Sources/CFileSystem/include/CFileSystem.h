#ifndef KB_CFILESYSTEM_H
#define KB_CFILESYSTEM_H

/// Atomically exchanges two paths (both must exist): after the call each name refers to what
/// the other one did. Returns 0 on success, -1 with errno set otherwise (ENOSYS or EINVAL where
/// the system or file system cannot do it).
int kb_exchange_paths(const char *first, const char *second);

/// Gives memory the allocator holds free back to the system (glibc's malloc_trim); does
/// nothing elsewhere.
void kb_release_free_memory(void);

/// Has every allocation of 256 KB or more mapped on its own, so that freeing it gives it back
/// to the system at once (glibc's M_MMAP_THRESHOLD, fixed); does nothing elsewhere. A build's
/// large buffers (a language's files, its search postings) then do not leave the heap grown
/// and in pieces after them.
void kb_keep_large_blocks_apart(void);

/// Marks a folder as the top of a hierarchy (ext2/3/4's FS_TOPDIR_FL, `chattr +T`): the
/// folders made in it are spread over the file system's block groups, as those at its root
/// are, instead of being kept beside it. Returns 0 on success, -1 with errno set where the
/// system or file system does not have the flag (it then changes nothing).
int kb_spread_subfolders(const char *path);

#endif
