#ifndef NIGHTDESK_CMALLOC_SHIM_H
#define NIGHTDESK_CMALLOC_SHIM_H
// mallopt, which Swift's Glibc module leaves out.
#include <malloc.h>
#endif
