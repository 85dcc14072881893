/// \file
/// `COFRAME_ALLOC_CHECKS`: whether the allocators check their callers.
///
/// With checks (the default unless `NDEBUG` is defined), TLSF refuses a free of a pointer it did
/// not allocate and a second free of the same block, a size-class pool refuses a block given
/// back with the wrong size, and a thread-mode handle refuses to allocate or free in Handler
/// mode; each with `panic()`. The checks cost instructions on every call (a TLSF free checks the
/// block against both of its neighbours); the benchmarks of lab 04 measure without them.
///
/// Define it (0 or 1) the same way for every file of a program: the allocators are templates
/// and inline functions, and two files that see different values would break the one-definition
/// rule.
#pragma once

#ifndef COFRAME_ALLOC_CHECKS
#ifdef NDEBUG
#define COFRAME_ALLOC_CHECKS 0
#else
#define COFRAME_ALLOC_CHECKS 1
#endif
#endif
