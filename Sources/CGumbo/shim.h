#ifndef KB_CGUMBO_SHIM_H
#define KB_CGUMBO_SHIM_H
#include <gumbo.h>
#endif
