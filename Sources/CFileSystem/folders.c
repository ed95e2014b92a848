// FS_IOC_GETFLAGS and FS_IOC_SETFLAGS come from <linux/fs.h>, which Swift's Glibc module does
// not expose.
#include "CFileSystem.h"
#if defined(__linux__)
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>
#endif

int kb_spread_subfolders(const char *path) {
#if defined(__linux__) && defined(FS_IOC_SETFLAGS) && defined(FS_TOPDIR_FL)
    int folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0) return -1;
    int flags = 0;
    int result = ioctl(folder, FS_IOC_GETFLAGS, &flags);
    if (result == 0 && !(flags & FS_TOPDIR_FL)) {
        flags |= FS_TOPDIR_FL;
        result = ioctl(folder, FS_IOC_SETFLAGS, &flags);
    }
    close(folder);
    return result;
#else
    (void)path;
    return -1;
#endif
}
